import { z } from 'zod';
import { normalizePhoneNumber } from '../rules/phone';

/** Length as Meta counts it, in code points (an emoji is one), without allocating an array. */
export function codePointLength(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) count -= 1;
  }
  return count;
}

const NON_BLANK = /\S/;

/** Adds a custom issue from inside refine/transform callbacks, with an optional sub-path. */
export function addIssue(ctx: z.RefinementCtx, message: string, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: 'custom', message, path });
}

const countOf = (input: unknown): number => (Array.isArray(input) ? input.length : 0);

/** Non-empty text of at most `max` characters (counted in Unicode code points, as Meta counts). */
export function boundedText(max: number) {
  return z
    .string()
    .refine((value) => NON_BLANK.test(value), { error: 'must not be empty' })
    .refine((value) => codePointLength(value) <= max, {
      error: (iss) => `at most ${max} characters (got ${codePointLength(String(iss.input))})`,
    });
}

/** Non-empty text with no documented length limit. */
export const nonEmptyText = z.string().refine((value) => NON_BLANK.test(value), { error: 'must not be empty' });

/** Text that may be empty but not longer than `max` characters. */
export function maxText(max: number) {
  return z.string().refine((value) => codePointLength(value) <= max, {
    error: (iss) => `at most ${max} characters (got ${codePointLength(String(iss.input))})`,
  });
}

/** Arrays whose size errors name what they count: `at most 3 reply buttons (got 4)`. */
export function countedArray<T extends z.ZodType>(item: T, min: number, max: number, singular: string, plural: string) {
  const noun = (n: number) => (n === 1 ? singular : plural);
  return z
    .array(item)
    .min(min, { error: (iss) => `at least ${min} ${noun(min)} (got ${countOf(iss.input)})` })
    .max(max, { error: (iss) => `at most ${max} ${noun(max)} (got ${countOf(iss.input)})` });
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function httpUrl(max?: number) {
  const base = z.string().refine(isHttpUrl, { error: 'must be an http(s) URL' });
  if (max === undefined) return base;
  return base.refine((value) => value.length <= max, {
    error: (iss) => `at most ${max} characters (got ${String(iss.input).length})`,
  });
}

/** A recipient phone number, normalized to digits (country code included). */
export const phoneNumberField = z.string().transform((value, ctx) => {
  const result = normalizePhoneNumber(value);
  if (!result.ok) {
    addIssue(ctx, result.reason);
    return z.NEVER;
  }
  return result.digits;
});

/** Graph object ids (phone number, WABA, media, template) are numeric strings; accept numbers too. */
export const graphId = z
  .union([z.string(), z.number().int().nonnegative()], { error: (iss) => `must be an id string (got ${typeof iss.input})` })
  .transform((value) => String(value).trim())
  .refine((value) => /^\d{1,32}$/.test(value), { error: 'must be a numeric id' });

/** Identifiers we pass through but never interpret (message ids, cursors...). */
export const opaqueId = z.string().refine((value) => NON_BLANK.test(value), { error: 'must not be empty' });

/** Numbers that also arrive as numeric strings from forms and expressions. */
export function numberInRange(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value),
    z.number().min(min).max(max),
  );
}
