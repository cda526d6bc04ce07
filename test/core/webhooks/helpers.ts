import { normalizeWebhook } from 'whatsapp-business-core';
import type {
  WebhookContactCard,
  WebhookContext,
  WebhookConversation,
  WebhookErrorDetail,
  WebhookEvent,
  WebhookInteractiveReply,
  WebhookLocation,
  WebhookMedia,
  WebhookPricing,
  WebhookTemplateInfo,
} from 'whatsapp-business-core';

/**
 * Every key of the public event types, spelled out. `Record<keyof T, true>` makes tsc reject a missing
 * or extra key, so these lists follow the interfaces instead of the implementation.
 */
const EVENT_KEY_MAP: Record<keyof WebhookEvent, true> = {
  kind: true,
  field: true,
  dedupeKey: true,
  wabaId: true,
  phoneNumberId: true,
  displayPhoneNumber: true,
  from: true,
  fromUserId: true,
  contactName: true,
  recipientId: true,
  recipientUserId: true,
  messageId: true,
  timestamp: true,
  type: true,
  text: true,
  media: true,
  interactive: true,
  button: true,
  reaction: true,
  location: true,
  contacts: true,
  context: true,
  referral: true,
  status: true,
  errors: true,
  pricing: true,
  conversation: true,
  bizOpaqueCallbackData: true,
  event: true,
  template: true,
  raw: true,
};
const MEDIA_KEYS: Record<keyof WebhookMedia, true> = {
  id: true, mimeType: true, sha256: true, caption: true, filename: true, voice: true, animated: true, url: true,
};
const INTERACTIVE_KEYS: Record<keyof WebhookInteractiveReply, true> = { type: true, id: true, title: true, description: true, responseJson: true };
const LOCATION_KEYS: Record<keyof WebhookLocation, true> = { latitude: true, longitude: true, name: true, address: true, url: true };
const CONTEXT_KEYS: Record<keyof WebhookContext, true> = { messageId: true, from: true, forwarded: true, frequentlyForwarded: true, referredProduct: true };
const ERROR_KEYS: Record<keyof WebhookErrorDetail, true> = { code: true, title: true, message: true, details: true, href: true, hint: true };
const PRICING_KEYS: Record<keyof WebhookPricing, true> = { billable: true, model: true, category: true, type: true };
const CONVERSATION_KEYS: Record<keyof WebhookConversation, true> = { id: true, originType: true, expiresAt: true };
const TEMPLATE_KEYS: Record<keyof WebhookTemplateInfo, true> = { id: true, name: true, language: true, category: true, reason: true };
const CARD_KEYS: Record<keyof WebhookContactCard, true> = { name: true, phones: true, emails: true, org: true, urls: true, birthday: true, raw: true };

export const EVENT_KEYS: readonly string[] = Object.keys(EVENT_KEY_MAP).sort();

const sortedKeys = (value: object): string[] => Object.keys(value).sort();

/**
 * Asserts the stable-shape contract: every event has exactly the keys of WebhookEvent (no more, none
 * missing, none undefined), and the nested objects, when present, have exactly theirs.
 */
export function expectStableShape(events: readonly WebhookEvent[]): void {
  for (const event of events) {
    expect(sortedKeys(event)).toEqual(EVENT_KEYS);
    for (const key of EVENT_KEYS) {
      if (key !== 'raw') expect(event[key as keyof WebhookEvent]).not.toBeUndefined();
    }
    expect(typeof event.dedupeKey).toBe('string');
    expect(event.dedupeKey.length).toBeGreaterThan(0);
    expect(Array.isArray(event.errors)).toBe(true);
    for (const error of event.errors) expect(sortedKeys(error)).toEqual(sortedKeys(ERROR_KEYS));
    if (event.media !== null) expect(sortedKeys(event.media)).toEqual(sortedKeys(MEDIA_KEYS));
    if (event.interactive !== null) expect(sortedKeys(event.interactive)).toEqual(sortedKeys(INTERACTIVE_KEYS));
    if (event.location !== null) expect(sortedKeys(event.location)).toEqual(sortedKeys(LOCATION_KEYS));
    if (event.context !== null) expect(sortedKeys(event.context)).toEqual(sortedKeys(CONTEXT_KEYS));
    if (event.pricing !== null) expect(sortedKeys(event.pricing)).toEqual(sortedKeys(PRICING_KEYS));
    if (event.conversation !== null) expect(sortedKeys(event.conversation)).toEqual(sortedKeys(CONVERSATION_KEYS));
    if (event.template !== null) expect(sortedKeys(event.template)).toEqual(sortedKeys(TEMPLATE_KEYS));
    if (event.contacts !== null) for (const card of event.contacts) expect(sortedKeys(card)).toEqual(sortedKeys(CARD_KEYS));
  }
}

/** normalizeWebhook plus the stable-shape assertion, so every test that normalizes also checks the shape. */
export function normalize(body: unknown): WebhookEvent[] {
  const events = normalizeWebhook(body);
  expect(Array.isArray(events)).toBe(true);
  expectStableShape(events);
  return events;
}

type Json = Record<string, unknown>;

export { metaWebhookExamples } from '../../fixtures/meta-examples';

export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE_NUMBER = '15550783881';
export const METADATA = { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID };

/** Wraps a `messages` value in Meta's envelope. */
export function messagesBody(value: Json, wabaId: string = WABA_ID): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: METADATA, ...value } }] }],
  };
}

/** Wraps a non-message field value in Meta's envelope (these carry entry[].time and no metadata). */
export function fieldBody(field: string, value: Json, time = 1751247548, wabaId: string = WABA_ID): Json {
  return { object: 'whatsapp_business_account', entry: [{ id: wabaId, time, changes: [{ field, value }] }] };
}

/** Deep copy, so a test can mutate a payload without touching the shared one. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
