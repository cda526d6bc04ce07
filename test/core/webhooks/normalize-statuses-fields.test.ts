import type { WebhookEvent } from 'whatsapp-business-core';
import { DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WABA_ID, fieldBody, messagesBody, normalize } from './helpers';

type Json = Record<string, unknown>;

const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA';
const SHEENA = { profile: { name: 'Sheena Nelson' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' };
const PMP_PRICING = { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' };

/** facts §3.6 status sample, with the status value swapped in. */
function pmpStatus(value: string, timestamp: string): Json {
  return {
    id: WAMID,
    status: value,
    timestamp,
    recipient_id: '16505551234',
    recipient_user_id: 'US.13491208655302741918',
    biz_opaque_callback_data: 'order-42',
    conversation: { id: 'a75d17ad06104c51166f948319b03c6a', origin: { type: 'utility' } },
    pricing: PMP_PRICING,
  };
}

const FAILED_STATUS = {
  id: 'wamid.failed',
  status: 'failed',
  timestamp: '1750263800',
  recipient_id: '16505551234',
  errors: [
    {
      code: 131047,
      title: 'Re-engagement message',
      message: 'Re-engagement message',
      error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    },
  ],
};

describe('normalizeWebhook: statuses', () => {
  it.each([
    ['sent', '1750263700'],
    ['delivered', '1750263773'],
    ['read', '1750263790'],
  ])('reads a %s status with PMP pricing, conversation, callback data and the contact name', (value, timestamp) => {
    const events = normalize(messagesBody({ statuses: [pmpStatus(value, timestamp)], contacts: [SHEENA] }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'status',
      field: 'messages',
      status: value,
      messageId: WAMID,
      timestamp: Number(timestamp),
      recipientId: '16505551234',
      recipientUserId: 'US.13491208655302741918',
      contactName: 'Sheena Nelson',
      bizOpaqueCallbackData: 'order-42',
      pricing: { billable: true, model: 'PMP', category: 'utility', type: 'regular' },
      conversation: { id: 'a75d17ad06104c51166f948319b03c6a', originType: 'utility', expiresAt: null },
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: DISPLAY_PHONE_NUMBER,
      wabaId: WABA_ID,
      errors: [],
      from: null,
      type: null,
      text: null,
    });
    expect(events[0].raw).toEqual(pmpStatus(value, timestamp));
  });

  it('reads free PMP pricing types and categories as given', () => {
    const statuses = [
      { id: 'wamid.1', status: 'delivered', timestamp: '1', recipient_id: '1', pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' } },
      { id: 'wamid.2', status: 'delivered', timestamp: '1', recipient_id: '1', pricing: { pricing_model: 'PMP', category: 'marketing_lite', type: 'free_entry_point' } },
    ];
    const [a, b] = normalize(messagesBody({ statuses }));
    expect(a.pricing).toEqual({ billable: false, model: 'PMP', category: 'service', type: 'free_customer_service' });
    // billable is deprecated and may be absent: null, not a guessed value.
    expect(b.pricing).toEqual({ billable: null, model: 'PMP', category: 'marketing_lite', type: 'free_entry_point' });
  });

  it('reads an older CBP status with conversation expiration_timestamp as a number', () => {
    const cbp = {
      id: 'wamid.cbp',
      status: 'sent',
      timestamp: '1662020000',
      recipient_id: '16505551234',
      conversation: { id: 'conv-1', expiration_timestamp: '1662106400', origin: { type: 'business_initiated' } },
      pricing: { billable: true, pricing_model: 'CBP', category: 'business_initiated' },
    };
    const [event] = normalize(messagesBody({ statuses: [cbp] }));
    expect(event.conversation).toEqual({ id: 'conv-1', originType: 'business_initiated', expiresAt: 1662106400 });
    expect(event.pricing).toEqual({ billable: true, model: 'CBP', category: 'business_initiated', type: null });
  });

  it('reads a failed status with its errors (code, title, message, details, href)', () => {
    const [event] = normalize(messagesBody({ statuses: [FAILED_STATUS] }));
    expect(event.kind).toBe('status');
    expect(event.status).toBe('failed');
    expect(event.messageId).toBe('wamid.failed');
    expect(event.timestamp).toBe(1750263800);
    expect(event.errors).toEqual([
      {
        code: 131047,
        title: 'Re-engagement message',
        message: 'Re-engagement message',
        details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
        // The accepted send failed later: the status says what to do (core's hint for the code).
        hint: 'More than 24 hours have passed since the customer last wrote: send an approved template message instead of a free-form message.',
      },
    ]);
    expect(event.pricing).toBeNull();
    expect(event.conversation).toBeNull();
  });

  it('reads played (voice) and group-recipient statuses', () => {
    const statuses = [
      { id: 'wamid.p', status: 'played', timestamp: '5', recipient_id: '1' },
      { id: 'wamid.g', status: 'read', timestamp: '6', recipient_id: '120363000000000000', recipient_type: 'group' },
    ];
    const [played, group] = normalize(messagesBody({ statuses }));
    expect(played).toMatchObject({ kind: 'status', status: 'played', timestamp: 5 });
    expect(group).toMatchObject({ kind: 'status', status: 'read', recipientId: '120363000000000000' });
  });

  it('finds the contact name of a BSUID-only recipient via user_id', () => {
    const contacts = [
      { profile: { name: 'Someone Else' }, wa_id: '4915112345678' },
      { profile: { name: 'Private User' }, user_id: 'US.2222' },
    ];
    const [event] = normalize(messagesBody({ contacts, statuses: [{ id: 'wamid.b', status: 'read', timestamp: '1', recipient_user_id: 'US.2222' }] }));
    expect(event.recipientId).toBeNull();
    expect(event.recipientUserId).toBe('US.2222');
    expect(event.contactName).toBe('Private User');
  });

  it("does not give a status the profile name of another user's contact entry", () => {
    // A message from Sheena and a status about a message sent to someone else, in one value: the only
    // contacts entry is Sheena's, so the status about 4915112345678 has no known name.
    const events = normalize(
      messagesBody({
        contacts: [SHEENA],
        messages: [{ from: '16505551234', id: 'wamid.in', timestamp: '1', type: 'text', text: { body: 'hi' } }],
        statuses: [{ id: 'wamid.out', status: 'delivered', timestamp: '2', recipient_id: '4915112345678' }],
      }),
    );
    expect(events.map((e) => e.kind)).toEqual(['message', 'status']);
    expect(events[0].contactName).toBe('Sheena Nelson');
    expect(events[1].recipientId).toBe('4915112345678');
    expect(events[1].contactName).toBeNull();
  });

  it('falls back to entry.time when a status carries no timestamp', () => {
    const body = messagesBody({ statuses: [{ id: 'wamid.nt', status: 'sent', recipient_id: '1' }] });
    (body.entry as Json[])[0].time = 1750000000;
    const [event] = normalize(body);
    expect(event.timestamp).toBe(1750000000);
  });
});

describe('normalizeWebhook: value-level errors', () => {
  const RATE_LIMIT = {
    code: 130429,
    title: 'Rate limit hit',
    message: 'Rate limit hit',
    error_data: { details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time' },
    href: '/documentation/business-messaging/whatsapp/support/error-codes',
  };

  it('reports the §3.5 value-level error (130429) as kind "error"', () => {
    const events = normalize(messagesBody({ errors: [RATE_LIMIT] }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'error',
      field: 'messages',
      phoneNumberId: PHONE_NUMBER_ID,
      displayPhoneNumber: DISPLAY_PHONE_NUMBER,
      wabaId: WABA_ID,
      messageId: null,
      status: null,
    });
    expect(events[0].errors).toEqual([
      {
        code: 130429,
        title: 'Rate limit hit',
        message: 'Rate limit hit',
        details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
        href: '/documentation/business-messaging/whatsapp/support/error-codes',
        hint: 'Cloud API throughput for this phone number was reached: slow down and retry.',
      },
    ]);
  });

  it('gives one event per value-level error, besides the messages and statuses of the same value', () => {
    const other = { code: 131000, title: 'Something went wrong', message: 'Something went wrong' };
    const events = normalize(
      messagesBody({
        messages: [{ from: '1', id: 'wamid.m', timestamp: '1', type: 'text', text: { body: 'x' } }],
        statuses: [{ id: 'wamid.s', status: 'sent', timestamp: '1', recipient_id: '1' }],
        errors: [RATE_LIMIT, other],
      }),
    );
    expect(events.map((e) => e.kind)).toEqual(['message', 'status', 'error', 'error']);
    expect(events[2].errors.map((e) => e.code)).toEqual([130429]);
    expect(events[3].errors.map((e) => e.code)).toEqual([131000]);
    expect(events[2].dedupeKey).not.toBe(events[3].dedupeKey);
  });
});

describe('normalizeWebhook: non-message fields', () => {
  const TEMPLATE_REJECTED = {
    event: 'REJECTED',
    message_template_id: 1689556908129832,
    message_template_name: 'order_confirmation',
    message_template_language: 'en_US',
    message_template_category: 'UTILITY',
    reason: 'INVALID_FORMAT',
  };
  const TEMPLATE_APPROVED = { ...TEMPLATE_REJECTED, event: 'APPROVED', reason: 'NONE' };

  it.each([
    ['REJECTED', TEMPLATE_REJECTED, 'INVALID_FORMAT'],
    ['APPROVED', TEMPLATE_APPROVED, 'NONE'],
  ])('message_template_status_update %s -> kind template_status with template info and entry.time', (event, value, reason) => {
    const events = normalize(fieldBody('message_template_status_update', value, 1751247548));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'template_status',
      field: 'message_template_status_update',
      event,
      wabaId: WABA_ID,
      timestamp: 1751247548,
      template: { id: '1689556908129832', name: 'order_confirmation', language: 'en_US', category: 'UTILITY', reason },
      phoneNumberId: null,
      messageId: null,
    });
    expect(events[0].raw).toEqual(value);
  });

  it('message_template_quality_update -> kind template_quality with the new score as event', () => {
    const value = {
      previous_quality_score: 'GREEN',
      new_quality_score: 'YELLOW',
      message_template_id: 806312974732579,
      message_template_name: 'welcome_template',
      message_template_language: 'pt_BR',
    };
    const [event] = normalize(fieldBody('message_template_quality_update', value, 1751247600));
    expect(event).toMatchObject({
      kind: 'template_quality',
      field: 'message_template_quality_update',
      event: 'YELLOW',
      timestamp: 1751247600,
      template: { id: '806312974732579', name: 'welcome_template', language: 'pt_BR' },
    });
    expect(event.raw).toEqual(value);
  });

  it('template_category_update -> kind template_category with the new category', () => {
    const value = {
      message_template_id: 278077987998876,
      message_template_name: 'order_update',
      message_template_language: 'en_US',
      previous_category: 'UTILITY',
      new_category: 'MARKETING',
    };
    const [event] = normalize(fieldBody('template_category_update', value));
    expect(event).toMatchObject({
      kind: 'template_category',
      field: 'template_category_update',
      event: 'MARKETING',
      timestamp: 1751247548,
      template: { id: '278077987998876', name: 'order_update', language: 'en_US', category: 'MARKETING' },
    });
  });

  it('account_update -> kind account_update with event and displayPhoneNumber from phone_number', () => {
    const value = { event: 'ACCOUNT_VIOLATION', phone_number: '15550783881', violation_info: { violation_type: 'SCAM' } };
    const [event] = normalize(fieldBody('account_update', value));
    expect(event).toMatchObject({ kind: 'account_update', field: 'account_update', event: 'ACCOUNT_VIOLATION', displayPhoneNumber: '15550783881', wabaId: WABA_ID, timestamp: 1751247548 });
    expect(event.raw).toEqual(value);
  });

  it('account_update without a phone number keeps displayPhoneNumber null', () => {
    const value = { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: '2025-07-01' } };
    const [event] = normalize(fieldBody('account_update', value));
    expect(event).toMatchObject({ kind: 'account_update', event: 'DISABLED_UPDATE', displayPhoneNumber: null });
    expect((event.raw as Json).ban_info).toEqual({ waba_ban_state: 'DISABLE', waba_ban_date: '2025-07-01' });
  });

  it('phone_number_quality_update -> kind phone_number_quality with event and displayPhoneNumber', () => {
    const value = { display_phone_number: '15550783881', event: 'UPGRADE', old_limit: 'TIER_1K', current_limit: 'TIER_10K', max_daily_conversations_per_business: '10K' };
    const [event] = normalize(fieldBody('phone_number_quality_update', value));
    expect(event).toMatchObject({
      kind: 'phone_number_quality',
      field: 'phone_number_quality_update',
      event: 'UPGRADE',
      displayPhoneNumber: '15550783881',
      timestamp: 1751247548,
    });
    expect((event.raw as Json).current_limit).toBe('TIER_10K');
  });

  it('phone_number_name_update -> kind phone_number_name with the decision and displayPhoneNumber', () => {
    const value = { display_phone_number: '15550783881', decision: 'APPROVED', requested_verified_name: 'Lucky Shrub', rejection_reason: null };
    const [event] = normalize(fieldBody('phone_number_name_update', value));
    expect(event).toMatchObject({ kind: 'phone_number_name', field: 'phone_number_name_update', event: 'APPROVED', displayPhoneNumber: '15550783881' });
    expect((event.raw as Json).requested_verified_name).toBe('Lucky Shrub');
  });

  it.each(['business_capability_update', 'some_future_field'])('an unknown or unmodelled field (%s) -> kind unknown, field and raw kept', (field) => {
    const value = { max_daily_conversation_per_phone: 1000, something: { nested: true } };
    const events = normalize(fieldBody(field, value));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'unknown', field, wabaId: WABA_ID, timestamp: 1751247548, event: null, template: null });
    expect(events[0].raw).toEqual(value);
  });

  it('several field changes in one entry give one event each, in order', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          time: 1751247548,
          changes: [
            { field: 'message_template_status_update', value: TEMPLATE_APPROVED },
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            { field: 'phone_number_quality_update', value: { display_phone_number: '1', event: 'DOWNGRADE' } },
            { field: 'unheard_of', value: { a: 1 } },
          ],
        },
      ],
    };
    expect(normalize(body).map((e) => [e.kind, e.event])).toEqual([
      ['template_status', 'APPROVED'],
      ['account_update', 'VERIFIED_ACCOUNT'],
      ['phone_number_quality', 'DOWNGRADE'],
      ['unknown', null],
    ]);
  });
});

describe('normalizeWebhook: status and field dedupe keys', () => {
  const statusEvent = (value: string, timestamp = '1750263773'): WebhookEvent => normalize(messagesBody({ statuses: [pmpStatus(value, timestamp)] }))[0];

  it('gives different keys to different statuses of one message', () => {
    const keys = ['sent', 'delivered', 'read', 'failed'].map((value) => statusEvent(value).dedupeKey);
    expect(new Set(keys).size).toBe(4);
  });

  it('gives a redelivered status (same id and status) the same key', () => {
    expect(statusEvent('delivered').dedupeKey).toBe(statusEvent('delivered').dedupeKey);
  });

  it('gives the same status of different messages different keys', () => {
    const [a, b] = normalize(
      messagesBody({
        statuses: [
          { id: 'wamid.a', status: 'read', timestamp: '1', recipient_id: '1' },
          { id: 'wamid.b', status: 'read', timestamp: '1', recipient_id: '1' },
        ],
      }),
    );
    expect(a.dedupeKey).not.toBe(b.dedupeKey);
  });

  it('gives template events with identical payloads the same key', () => {
    const first = normalize(fieldBody('message_template_status_update', TEMPLATE_APPROVED_VALUE))[0];
    const second = normalize(fieldBody('message_template_status_update', { ...TEMPLATE_APPROVED_VALUE }))[0];
    expect(first.dedupeKey).toBe(second.dedupeKey);
  });

  it('gives template events with different payloads different keys', () => {
    const approved = normalize(fieldBody('message_template_status_update', TEMPLATE_APPROVED_VALUE))[0];
    const rejected = normalize(fieldBody('message_template_status_update', { ...TEMPLATE_APPROVED_VALUE, event: 'REJECTED', reason: 'INVALID_FORMAT' }))[0];
    const otherWaba = normalize(fieldBody('message_template_status_update', TEMPLATE_APPROVED_VALUE, 1751247548, '999999999999999'))[0];
    expect(approved.dedupeKey).not.toBe(rejected.dedupeKey);
    expect(approved.dedupeKey).not.toBe(otherWaba.dedupeKey);
  });

  it('does not merge a later, separate template event whose value repeats an earlier one (different entry.time)', () => {
    // APPROVED -> PAUSED -> APPROVED again: the second APPROVED is a new event, not a redelivery.
    const first = normalize(fieldBody('message_template_status_update', TEMPLATE_APPROVED_VALUE, 1751247548))[0];
    const later = normalize(fieldBody('message_template_status_update', TEMPLATE_APPROVED_VALUE, 1751852348))[0];
    expect(first.timestamp).not.toBe(later.timestamp);
    expect(first.dedupeKey).not.toBe(later.dedupeKey);
  });
});

const TEMPLATE_APPROVED_VALUE = {
  event: 'APPROVED',
  message_template_id: 1689556908129832,
  message_template_name: 'order_confirmation',
  message_template_language: 'en_US',
  message_template_category: 'UTILITY',
  reason: 'NONE',
};
