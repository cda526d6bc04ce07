import { z } from 'zod';
import { opaqueId } from '../../validation/fields';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI_CODE_POINT = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** True for exactly one emoji grapheme (ZWJ sequences, skin tones, flags and keycaps included). */
export function isSingleEmoji(value: string): boolean {
  const segments = [...graphemes.segment(value)];
  return segments.length === 1 && EMOJI_CODE_POINT.test(value);
}

/** An empty or absent emoji removes the reaction, as Meta defines it. */
export const reactionObject = z.strictObject({
  messageId: opaqueId,
  emoji: z
    .string()
    .refine((value) => value === '' || isSingleEmoji(value), {
      error: (iss) => `must be a single emoji, or empty to remove the reaction (got ${JSON.stringify(iss.input)})`,
    })
    .optional(),
});
export type ReactionObject = z.output<typeof reactionObject>;
