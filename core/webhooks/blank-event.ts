import type { WebhookEvent, WebhookEventKind } from './event';

/** Where an event came from in the envelope. */
export interface EventOrigin {
  field: string | null;
  wabaId: string | null;
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  /** entry[].time, used by fields that carry no timestamp of their own. */
  entryTime: number | null;
}

/** An event with every key present and empty; builders fill in what their payload has. */
export function blankEvent(kind: WebhookEventKind, origin: EventOrigin, raw: unknown): WebhookEvent {
  return {
    kind,
    field: origin.field,
    dedupeKey: '',
    wabaId: origin.wabaId,
    phoneNumberId: origin.phoneNumberId,
    displayPhoneNumber: origin.displayPhoneNumber,
    from: null,
    fromUserId: null,
    contactName: null,
    recipientId: null,
    recipientUserId: null,
    messageId: null,
    timestamp: origin.entryTime,
    type: null,
    text: null,
    media: null,
    interactive: null,
    button: null,
    reaction: null,
    location: null,
    contacts: null,
    context: null,
    referral: null,
    status: null,
    errors: [],
    pricing: null,
    conversation: null,
    bizOpaqueCallbackData: null,
    event: null,
    template: null,
    raw,
  };
}
