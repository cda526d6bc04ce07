import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { addIssue, boundedText, countedArray, httpUrl } from '../../validation/fields';
import { headerDocumentObject, headerMediaObject } from './media-object';

const { interactive: L } = LIMITS;

const textHeader = z.strictObject({ type: z.literal('text'), text: boundedText(L.header) });
const mediaHeader = z.discriminatedUnion('type', [
  textHeader,
  z.strictObject({ type: z.literal('image'), image: headerMediaObject }),
  z.strictObject({ type: z.literal('video'), video: headerMediaObject }),
  z.strictObject({ type: z.literal('document'), document: headerDocumentObject }),
]);

const body = z.strictObject({ text: boundedText(L.body) });
const footer = z.strictObject({ text: boundedText(L.footer) });

/** Flags the second and later occurrences of a repeated value at `path[index].field`. */
function flagDuplicates(values: readonly string[], ctx: z.RefinementCtx, path: PropertyKey[], field: string, what: string): void {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else addIssue(ctx, `${what} must be unique ("${value}" is also used at index ${first})`, [...path, index, field]);
  });
}

const replyButton = z.strictObject({
  id: boundedText(L.replyButtons.id).refine((id) => id === id.trim(), {
    error: 'must not start or end with spaces',
  }),
  title: boundedText(L.replyButtons.title),
});

const buttonMessage = z.strictObject({
  type: z.literal('button'),
  header: mediaHeader.optional(),
  body,
  footer: footer.optional(),
  action: z
    .strictObject({
      buttons: countedArray(replyButton, L.replyButtons.min, L.replyButtons.max, 'reply button', 'reply buttons'),
    })
    .superRefine((action, ctx) => {
      flagDuplicates(action.buttons.map((b) => b.id), ctx, ['buttons'], 'id', 'button ids');
      flagDuplicates(action.buttons.map((b) => b.title), ctx, ['buttons'], 'title', 'button titles');
    }),
});

const listRow = z.strictObject({
  id: boundedText(L.list.row.id),
  title: boundedText(L.list.row.title),
  description: boundedText(L.list.row.description).optional(),
});

const listSection = z.strictObject({
  title: boundedText(L.list.sectionTitle).optional(),
  rows: z.array(listRow).min(1, { error: 'at least 1 row per section' }),
});

const listMessage = z.strictObject({
  type: z.literal('list'),
  header: textHeader.optional(),
  body,
  footer: footer.optional(),
  action: z
    .strictObject({
      button: boundedText(L.list.button),
      sections: countedArray(listSection, L.list.sections.min, L.list.sections.max, 'section', 'sections'),
    })
    .superRefine((action, ctx) => {
      const rows = action.sections.flatMap((section) => section.rows);
      if (rows.length > L.list.rowsTotal.max) {
        addIssue(ctx, `at most ${L.list.rowsTotal.max} rows in total across sections (got ${rows.length})`, ['sections']);
      }
      if (action.sections.length > 1) {
        action.sections.forEach((section, index) => {
          if (section.title === undefined) addIssue(ctx, 'required when the list has more than one section', ['sections', index, 'title']);
        });
      }
      const seen = new Map<string, string>();
      action.sections.forEach((section, s) =>
        section.rows.forEach((row, r) => {
          const first = seen.get(row.id);
          if (first !== undefined) addIssue(ctx, `row ids must be unique ("${row.id}" is also used at ${first})`, ['sections', s, 'rows', r, 'id']);
          else seen.set(row.id, `sections[${s}].rows[${r}]`);
        }),
      );
    }),
});

const ctaUrlMessage = z.strictObject({
  type: z.literal('cta_url'),
  header: mediaHeader.optional(),
  body,
  footer: footer.optional(),
  action: z.strictObject({ displayText: boundedText(L.ctaUrl.displayText), url: httpUrl() }),
});

/** Asks the user to share their location; Meta calls the type `location_request_message`. */
const locationRequestMessage = z.strictObject({
  type: z.literal(['location_request', 'location_request_message']),
  body,
});

export const interactiveObject = z.discriminatedUnion('type', [buttonMessage, listMessage, ctaUrlMessage, locationRequestMessage]);
export type InteractiveObject = z.output<typeof interactiveObject>;
export type InteractiveHeader = z.output<typeof mediaHeader>;
