import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { boundedText } from '../../validation/fields';

export const textObject = z.strictObject({
  body: boundedText(LIMITS.text.body),
  /** Whether WhatsApp renders a preview of the first URL in the body. */
  previewUrl: z.boolean().optional(),
});
export type TextObject = z.output<typeof textObject>;
