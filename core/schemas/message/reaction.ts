import { z } from 'zod';
import { codePointLength, opaqueId } from '../../validation/fields';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI_CODE_POINT = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/**
 * The longest emoji Unicode recommends (a kiss with two skin tones, a subdivision flag) is 15 UTF-16
 * units; twice that leaves room for new sequences. Anything longer cannot be one emoji, and is
 * refused before any segmenting, so the cost of a check never grows with the size of the input.
 */
export const MAX_EMOJI_UTF16_LENGTH = 32;

/** True for exactly one emoji grapheme (ZWJ sequences, skin tones, flags and keycaps included). */
export function isSingleEmoji(value: string): boolean {
  if (value.length === 0 || value.length > MAX_EMOJI_UTF16_LENGTH) return false;
  // Only the first two segments are needed: a second one means more than one grapheme.
  const segments = graphemes.segment(value)[Symbol.iterator]();
  const first = segments.next();
  if (first.done === true || !segments.next().done) return false;
  return EMOJI_CODE_POINT.test(value);
}

/** What the refusal shows of the input: the value when short, else only its size. */
function received(input: unknown): string {
  if (typeof input === 'string' && input.length > MAX_EMOJI_UTF16_LENGTH) return `${codePointLength(input)} characters`;
  return JSON.stringify(input);
}

/** An empty or absent emoji removes the reaction, as Meta defines it. */
export const reactionObject = z.strictObject({
  messageId: opaqueId,
  emoji: z
    .string()
    .refine((value) => value === '' || isSingleEmoji(value), {
      error: (iss) => `must be a single emoji, or empty to remove the reaction (got ${received(iss.input)})`,
    })
    .optional(),
});
export type ReactionObject = z.output<typeof reactionObject>;
