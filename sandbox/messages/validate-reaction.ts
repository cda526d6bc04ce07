import { Field } from '../validation/field';
import { describeEmojiValue, isOneEmoji } from '../validation/single-emoji';

/** An empty emoji removes an earlier reaction. */
export function validateReaction(field: Field): void {
  field.object(['message_id', 'emoji']);
  field.child('message_id').string({ min: 1 });
  const emojiField = field.child('emoji');
  const emoji = emojiField.string();
  if (emoji !== '' && !isOneEmoji(emoji)) {
    emojiField.invalid(`must be a single emoji, or "" to remove the reaction (got ${describeEmojiValue(emoji)})`);
  }
}
