import { isSingleEmoji, MAX_EMOJI_UTF16_LENGTH } from 'whatsapp-business-core';

/**
 * One emoji (one grapheme that contains an emoji). Core's check refuses anything longer than the
 * longest emoji WhatsApp shows before segmenting, so its cost never grows with the value.
 */
export function isOneEmoji(value: string): boolean {
  return isSingleEmoji(value);
}

/** For error details: short values are quoted, long ones only counted. */
export function describeEmojiValue(value: string): string {
  return value.length <= MAX_EMOJI_UTF16_LENGTH ? `'${value}'` : `${value.length} characters`;
}
