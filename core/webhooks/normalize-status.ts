import { blankEvent } from './blank-event';
import type { EventOrigin } from './blank-event';
import { toErrorDetails } from './common-parts';
import type { ContactNames } from './contact-names';
import type { WebhookEvent } from './event';
import type { Fingerprinter } from './fingerprint';
import { bool, num, obj, str } from '../json-read';
import type { Json } from '../json-read';

/** One `statuses[]` item: what happened to a message the business sent. */
export function normalizeStatus(status: Json, names: ContactNames, origin: EventOrigin, fingerprint: Fingerprinter): WebhookEvent {
  const event = blankEvent('status', origin, status);
  event.messageId = str(status.id);
  event.status = str(status.status);
  event.timestamp = num(status.timestamp) ?? origin.entryTime;
  event.recipientId = str(status.recipient_id);
  event.recipientUserId = str(status.recipient_user_id);
  event.contactName = names(event.recipientId, event.recipientUserId);
  event.bizOpaqueCallbackData = str(status.biz_opaque_callback_data);
  event.errors = toErrorDetails(status.errors);
  const pricing = obj(status.pricing);
  if (pricing !== null) {
    event.pricing = { billable: bool(pricing.billable), model: str(pricing.pricing_model), category: str(pricing.category), type: str(pricing.type) };
  }
  const conversation = obj(status.conversation);
  if (conversation !== null) {
    event.conversation = {
      id: str(conversation.id),
      originType: str(obj(conversation.origin)?.type),
      expiresAt: num(conversation.expiration_timestamp),
    };
  }
  // Meta redelivers; the same message can also pass through each status once.
  event.dedupeKey = event.messageId === null ? `status:${fingerprint(status)}` : `status:${event.messageId}:${event.status ?? ''}`;
  return event;
}
