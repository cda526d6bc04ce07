import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import { UniqueValues } from './interactive-parts';

export function validateReplyButtonsAction(action: Field): void {
  action.object(['buttons']);
  const { min, max, id, title } = LIMITS.interactive.replyButtons;
  const buttons = action.child('buttons').array({ min, max, noun: 'buttons' });
  const ids = new UniqueValues('button id');
  const titles = new UniqueValues('button title');
  for (const button of buttons) {
    button.object(['type', 'reply']);
    button.child('type').oneOf(['reply'] as const);
    const reply = button.child('reply');
    reply.object(['id', 'title']);
    const idField = reply.child('id');
    const idValue = idField.text({ max: id });
    // Same rule as the client library (core's replyButton), so the sandbox is never the looser of the two.
    if (idValue !== idValue.trim()) idField.invalid(`must not start or end with spaces (got '${idValue}')`);
    ids.check(idField, idValue);
    titles.check(reply.child('title'), reply.child('title').text({ max: title }));
  }
}
