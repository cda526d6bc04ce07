import { z } from 'zod';
import { isJsonObject } from '../../json';
import { LIMITS } from '../../rules/limits';
import { addIssue, boundedText, nonEmptyText } from '../../validation/fields';
import { languageCode, parameterName, templateName } from '../template-fields';
import { locationObject } from './location';
import { headerDocumentObject, headerMediaObject } from './media-object';

/** Meta rejects parameter text with line breaks, tabs or runs of more than 4 spaces. */
const FORBIDDEN_IN_PARAMETER = /[\n\r\t]| {5,}/;

function parameterText(max: number) {
  return z.preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    boundedText(max).refine((text) => !FORBIDDEN_IN_PARAMETER.test(text), {
      error: 'must not contain line breaks, tabs or more than 4 consecutive spaces',
    }),
  );
}

const textParameter = z.strictObject({
  type: z.literal('text'),
  text: parameterText(LIMITS.template.textParameter),
  name: parameterName.optional(),
});

const currencyParameter = z.strictObject({
  type: z.literal('currency'),
  fallbackValue: nonEmptyText,
  code: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code such as USD' }),
  /** Amount multiplied by 1000: 100990 means 100.99. */
  amount1000: z.number().int({ error: 'must be an integer (the amount times 1000)' }),
  name: parameterName.optional(),
});

const dateTimeParameter = z.strictObject({
  type: z.literal('date_time'),
  fallbackValue: nonEmptyText,
  name: parameterName.optional(),
  calendar: z.enum(['GREGORIAN', 'SOLAR_HIJRI']).optional(),
  year: z.number().int().optional(),
  month: z.number().int().min(1).max(12).optional(),
  dayOfMonth: z.number().int().min(1).max(31).optional(),
  dayOfWeek: z.number().int().min(1).max(7).optional(),
  hour: z.number().int().min(0).max(23).optional(),
  minute: z.number().int().min(0).max(59).optional(),
});

const bodyParameter = z.preprocess(
  (value) => (typeof value === 'string' || typeof value === 'number' ? { type: 'text', text: value } : value),
  z.discriminatedUnion('type', [textParameter, currencyParameter, dateTimeParameter]),
);

/** `{ first_name: "Ana" }` is shorthand for named parameters: `[{ type: "text", text: "Ana", name: "first_name" }]`. */
function namedShorthandToList(value: unknown): unknown {
  if (!isJsonObject(value)) return value;
  return Object.entries(value).map(([name, item]) =>
    isJsonObject(item) ? { ...item, name } : { type: 'text', text: item, name },
  );
}

const bodyParameters = z.preprocess(
  namedShorthandToList,
  z.array(bodyParameter).superRefine((parameters, ctx) => {
    const named = parameters.filter((p) => p.name !== undefined).length;
    if (named > 0 && named < parameters.length) {
      addIssue(ctx, 'use either positional parameters (no names) or named parameters (all named), not both');
    }
    const seen = new Set<string>();
    parameters.forEach((parameter, index) => {
      if (parameter.name === undefined) return;
      if (seen.has(parameter.name)) addIssue(ctx, `parameter name "${parameter.name}" is used twice`, [index, 'name']);
      seen.add(parameter.name);
    });
  }),
);

const header = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: parameterText(LIMITS.template.headerTextParameter), name: parameterName.optional() }),
  z.strictObject({ type: z.literal('image'), image: headerMediaObject }),
  z.strictObject({ type: z.literal('video'), video: headerMediaObject }),
  z.strictObject({ type: z.literal('document'), document: headerDocumentObject }),
  z.strictObject({ type: z.literal('location'), location: locationObject }),
]);

const buttonIndex = z.number().int().min(0).max(LIMITS.template.buttons.max - 1).optional();

const buttonParameter = z.discriminatedUnion('type', [
  /** Payload returned in the inbound `button` message when the user taps this quick reply. */
  z.strictObject({ type: z.literal('quick_reply'), index: buttonIndex, payload: nonEmptyText }),
  /** Suffix substituted into a URL button's `{{1}}`. */
  z.strictObject({ type: z.literal('url'), index: buttonIndex, text: nonEmptyText }),
  z.strictObject({ type: z.literal('copy_code'), index: buttonIndex, code: boundedText(LIMITS.template.copyCodeExample) }),
]);

const buttonParameters = z.array(buttonParameter).superRefine((buttons, ctx) => {
  const used = new Map<number, number>();
  buttons.forEach((button, position) => {
    const index = button.index ?? position;
    const first = used.get(index);
    if (first !== undefined) addIssue(ctx, `button index ${index} is already used by buttons[${first}]`, [position, 'index']);
    else used.set(index, position);
  });
});

export const templateObject = z.strictObject({
  name: templateName,
  language: languageCode,
  header: header.optional(),
  body: bodyParameters.optional(),
  /** Parameters for the template's buttons; `index` is the button's position in the template (default: array position). */
  buttons: buttonParameters.optional(),
});

export type TemplateObject = z.output<typeof templateObject>;
export type TemplateBodyParameter = z.output<typeof bodyParameter>;
export type TemplateHeaderParameter = z.output<typeof header>;
export type TemplateButtonParameter = z.output<typeof buttonParameter>;
