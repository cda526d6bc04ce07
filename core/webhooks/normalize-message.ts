import { blankEvent } from './blank-event';
import type { EventOrigin } from './blank-event';
import { toContactCard, toErrorDetails } from './common-parts';
import type { ContactNames } from './contact-names';
import type { WebhookEvent, WebhookMedia } from './event';
import type { Fingerprinter } from './fingerprint';
import { bool, num, obj, objects, str } from '../json-read';
import type { Json } from '../json-read';

/** `voice` is the On-Premises API's type for voice notes (Cloud sends them as audio with voice: true). */
const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker', 'voice']);
/** Message types Meta documents; anything else is reported as kind "unknown", raw payload kept. */
const KNOWN_TYPES = new Set([
  'text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button',
  'reaction', 'order', 'system', 'unsupported', 'unknown', 'request_welcome', 'voice',
]);

function toMedia(media: Json, type: string): WebhookMedia {
  return {
    id: str(media.id),
    mimeType: str(media.mime_type),
    sha256: str(media.sha256),
    caption: str(media.caption),
    filename: str(media.filename),
    voice: type === 'voice' ? true : bool(media.voice),
    animated: bool(media.animated),
    url: str(media.url),
  };
}

function fillContent(event: WebhookEvent, message: Json, type: string): void {
  const content = obj(message[type]);
  if (type === 'text') event.text = str(content?.body);
  if (MEDIA_TYPES.has(type) && content !== null) {
    event.media = toMedia(content, type);
    event.text = event.media.caption;
  }
  if (type === 'location' && content !== null) {
    event.location = {
      latitude: num(content.latitude),
      longitude: num(content.longitude),
      name: str(content.name),
      address: str(content.address),
      url: str(content.url),
    };
  }
  if (type === 'contacts') event.contacts = objects(message.contacts).map(toContactCard);
  if (type === 'button' && content !== null) {
    event.button = { payload: str(content.payload), text: str(content.text) };
    event.text = event.button.text;
  }
  if (type === 'reaction' && content !== null) {
    const emoji = str(content.emoji);
    event.reaction = { messageId: str(content.message_id), emoji: emoji === '' ? null : emoji };
  }
  if (type === 'interactive' && content !== null) {
    const replyType = str(content.type) ?? 'unknown';
    const reply = obj(content[replyType]) ?? {};
    event.interactive = {
      type: replyType,
      id: str(reply.id),
      title: str(reply.title) ?? str(reply.name),
      description: str(reply.description),
      responseJson: str(reply.response_json),
    };
    event.text = event.interactive.title ?? str(reply.body);
  }
  if (type === 'order' && content !== null) event.text = str(content.text);
  if (type === 'system' && content !== null) event.text = str(content.body);
}

/** One inbound message of a `messages` change. */
export function normalizeMessage(message: Json, names: ContactNames, origin: EventOrigin, fingerprint: Fingerprinter): WebhookEvent {
  const type = str(message.type) ?? 'unknown';
  const event = blankEvent(KNOWN_TYPES.has(type) ? 'message' : 'unknown', origin, message);
  event.type = type;
  event.messageId = str(message.id);
  event.from = str(message.from);
  event.fromUserId = str(message.from_user_id);
  event.contactName = names(event.from, event.fromUserId);
  event.timestamp = num(message.timestamp) ?? origin.entryTime;
  event.errors = toErrorDetails(message.errors);
  event.referral = obj(message.referral);
  const context = obj(message.context);
  if (context !== null) {
    const product = obj(context.referred_product);
    event.context = {
      messageId: str(context.id),
      from: str(context.from),
      forwarded: context.forwarded === true,
      frequentlyForwarded: context.frequently_forwarded === true,
      referredProduct: product === null ? null : { catalogId: str(product.catalog_id), productRetailerId: str(product.product_retailer_id) },
    };
  }
  fillContent(event, message, type);
  event.dedupeKey = `message:${event.messageId ?? fingerprint(message)}`;
  return event;
}
