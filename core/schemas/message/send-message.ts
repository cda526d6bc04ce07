import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { graphId, maxText, opaqueId, phoneNumberField } from '../../validation/fields';
import { contactCards } from './contacts';
import { interactiveObject } from './interactive';
import { locationObject } from './location';
import { audioObject, documentObject, imageObject, stickerObject, videoObject } from './media-object';
import { reactionObject } from './reaction';
import { templateObject } from './template';
import { textObject } from './text';

/** Fields every message type accepts. */
const envelope = {
  /** Recipient phone number with country code; spaces, dashes, parentheses and a leading + or 00 are removed. */
  to: phoneNumberField,
  /** Sending phone number id; defaults to the provider's configured number. */
  phoneNumberId: graphId.optional(),
  /** Id (wamid) of the message this one replies to; shown quoted in the chat. */
  replyTo: opaqueId.optional(),
  /** Echoed back in this message's status webhooks; for your own correlation. */
  bizOpaqueCallbackData: maxText(LIMITS.bizOpaqueCallbackData).optional(),
};

export const sendMessageInput = z.discriminatedUnion('type', [
  z.strictObject({ ...envelope, type: z.literal('text'), text: textObject }),
  z.strictObject({ ...envelope, type: z.literal('image'), image: imageObject }),
  z.strictObject({ ...envelope, type: z.literal('video'), video: videoObject }),
  z.strictObject({ ...envelope, type: z.literal('audio'), audio: audioObject }),
  z.strictObject({ ...envelope, type: z.literal('document'), document: documentObject }),
  z.strictObject({ ...envelope, type: z.literal('sticker'), sticker: stickerObject }),
  z.strictObject({ ...envelope, type: z.literal('location'), location: locationObject }),
  z.strictObject({ ...envelope, type: z.literal('contacts'), contacts: contactCards }),
  z.strictObject({ ...envelope, type: z.literal('reaction'), reaction: reactionObject }),
  z.strictObject({ ...envelope, type: z.literal('interactive'), interactive: interactiveObject }),
  z.strictObject({ ...envelope, type: z.literal('template'), template: templateObject }),
]);

export type SendMessageInput = z.output<typeof sendMessageInput>;
export type MessageType = SendMessageInput['type'];

/** Message types that are free-form, i.e. allowed only inside the 24 h customer service window. */
export function isFreeFormMessage(message: Pick<SendMessageInput, 'type'>): boolean {
  return message.type !== 'template';
}
