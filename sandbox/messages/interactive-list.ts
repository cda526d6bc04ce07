import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import { UniqueValues } from './interactive-parts';

export function validateListAction(action: Field): void {
  const limits = LIMITS.interactive.list;
  action.object(['button', 'sections']);
  action.child('button').text({ max: limits.button });
  const sectionsField = action.child('sections');
  const sections = sectionsField.array({ ...limits.sections, noun: 'sections' });
  const rowIds = new UniqueValues('row id');
  let totalRows = 0;
  for (const section of sections) {
    section.object(['title', 'rows']);
    const title = section.child('title');
    if (sections.length > 1 && !title.isPresent) title.missing('required when the list has more than one section');
    title.optionalText({ max: limits.sectionTitle });
    const rows = section.child('rows').array({ min: 1, noun: 'rows' });
    totalRows += rows.length;
    for (const row of rows) {
      row.object(['id', 'title', 'description']);
      rowIds.check(row.child('id'), row.child('id').text({ max: limits.row.id }));
      row.child('title').text({ max: limits.row.title });
      row.child('description').optionalString({ max: limits.row.description });
    }
  }
  if (totalRows > limits.rowsTotal.max) {
    sectionsField.invalid(`at most ${limits.rowsTotal.max} rows in total across all sections (got ${totalRows})`);
  }
}
