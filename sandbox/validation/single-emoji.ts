import { isSingleEmoji } from 'whatsapp-business-core';

/**
 * The longest emoji WhatsApp shows is a ZWJ sequence such as a couple with two skin tones
 * (10 code points, 15 UTF-16 units); tag-sequence flags need 14 units. Anything longer cannot be
 * one emoji, so it is refused without grapheme segmentation, whose cost grows with the whole
 * string (one 120,000-character "emoji" used to exhaust the heap).
 */
const MAX_EMOJI_UNITS = 32;

/** One emoji (one grapheme that contains an emoji), checked in time bounded by MAX_EMOJI_UNITS. */
export function isOneEmoji(value: string): boolean {
  return value.length > 0 && value.length <= MAX_EMOJI_UNITS && isSingleEmoji(value);
}

/** For error details: short values are quoted, long ones only counted. */
export function describeEmojiValue(value: string): string {
  return value.length <= MAX_EMOJI_UNITS ? `'${value}'` : `${value.length} characters`;
}
