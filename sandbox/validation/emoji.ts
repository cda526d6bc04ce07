const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * One user-perceived emoji: a single grapheme cluster that is pictographic, a flag (regional
 * indicator pair) or a keycap. Skin tones and ZWJ sequences stay one grapheme.
 */
export function isSingleEmoji(text: string): boolean {
  const graphemes = [...segmenter.segment(text)];
  if (graphemes.length !== 1) return false;
  return /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text);
}
