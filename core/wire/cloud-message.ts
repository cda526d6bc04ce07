import { compact } from '../json';
import type { JsonObject } from '../json';
import type { SendMessageInput } from '../schemas/message/send-message';
import type { MarkReadInput } from '../schemas/operation-inputs';
import { contactCardToWire } from './contacts';
import { interactiveToWire } from './interactive';
import { mediaToWire } from './media';
import { templateToWire } from './template';

/**
 * The object under the message's type key, as the Cloud API takes it. The On-Premises dialect
 * reuses it for the kinds both APIs lay out alike.
 */
export function messageContentToWire(message: SendMessageInput): JsonObject | JsonObject[] {
  switch (message.type) {
    case 'text':
      return compact({ body: message.text.body, preview_url: message.text.previewUrl });
    case 'image':
      return mediaToWire(message.image);
    case 'video':
      return mediaToWire(message.video);
    case 'audio':
      return mediaToWire(message.audio);
    case 'document':
      return mediaToWire(message.document);
    case 'sticker':
      return mediaToWire(message.sticker);
    case 'location':
      return compact({
        latitude: message.location.latitude,
        longitude: message.location.longitude,
        name: message.location.name,
        address: message.location.address,
      });
    case 'contacts':
      return message.contacts.map(contactCardToWire);
    case 'reaction':
      // An empty emoji is how Meta removes a reaction.
      return { message_id: message.reaction.messageId, emoji: message.reaction.emoji ?? '' };
    case 'interactive':
      return interactiveToWire(message.interactive);
    case 'template':
      return templateToWire(message.template);
  }
}

/** The JSON body of POST /{phone-number-id}/messages for a validated catalogue message. */
export function toCloudMessagePayload(message: SendMessageInput): JsonObject {
  return compact({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.to,
    type: message.type,
    [message.type]: messageContentToWire(message),
    context: message.replyTo === undefined ? undefined : { message_id: message.replyTo },
    biz_opaque_callback_data: message.bizOpaqueCallbackData,
  });
}

export function toCloudMarkReadPayload(input: MarkReadInput): JsonObject {
  return compact({
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: input.messageId,
    typing_indicator: input.typingIndicator ? { type: 'text' } : undefined,
  });
}
