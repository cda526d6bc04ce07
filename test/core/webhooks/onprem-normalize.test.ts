import { normalize } from './helpers';

/** Payloads in the On-Premises client's flat shape (unofficial OpenAPI v2.23 examples, facts §4). */
const CONTACTS = [{ profile: { name: 'Kerry Fisher' }, wa_id: '16315551234' }];

describe('normalizeWebhook: On-Premises inbound messages', () => {
  it('text: the same event as Cloud, with the number fields Cloud adds left null', () => {
    const [event] = normalize({
      contacts: CONTACTS,
      messages: [{ from: '16315551234', id: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf', timestamp: '1518694235', text: { body: 'Hello this is an answer' }, type: 'text' }],
    });
    expect(event).toMatchObject({
      kind: 'message',
      field: 'messages',
      type: 'text',
      text: 'Hello this is an answer',
      from: '16315551234',
      contactName: 'Kerry Fisher',
      messageId: 'ABGGFlA5FpafAgo6tHcNmNjXmuSf',
      timestamp: 1518694235,
      wabaId: null,
      phoneNumberId: null,
      displayPhoneNumber: null,
      dedupeKey: 'message:ABGGFlA5FpafAgo6tHcNmNjXmuSf',
    });
  });

  it('image with the client\'s media id (and its deprecated file path kept in raw)', () => {
    const image = {
      file: '/usr/local/wamedia/shared/b1cf38-8734-4ad3-b4a1-ef0c10d0d683',
      id: 'b1c68f38-8734-4ad3-b4a1-ef0c10d0d683',
      mime_type: 'image/jpeg',
      sha256: '29ed500fa64eb55fc19dc4124acb300e5dcc54a0f822a301ae99944db',
      caption: 'Check out my new phone!',
    };
    const [event] = normalize({ contacts: CONTACTS, messages: [{ from: '16315551234', id: 'ABGG1', timestamp: '1518694235', type: 'image', image }] });
    expect(event).toMatchObject({ kind: 'message', type: 'image', text: 'Check out my new phone!' });
    expect(event.media).toEqual({
      id: 'b1c68f38-8734-4ad3-b4a1-ef0c10d0d683',
      mimeType: 'image/jpeg',
      sha256: image.sha256,
      caption: 'Check out my new phone!',
      filename: null,
      voice: null,
      animated: null,
      url: null,
    });
    expect((event.raw as { image: { file: string } }).image.file).toBe(image.file);
  });

  it('voice, the On-Premises type for voice notes, is media with voice: true', () => {
    const [event] = normalize({
      contacts: CONTACTS,
      messages: [{ from: '16315551234', id: 'ABGG2', timestamp: '1518694235', type: 'voice', voice: { id: '463eb7ec-ff4e-4d9b-b110-1879cbd411b2', mime_type: 'audio/ogg; codecs=opus', sha256: 'fa9e' } }],
    });
    expect(event).toMatchObject({ kind: 'message', type: 'voice', media: { id: '463eb7ec-ff4e-4d9b-b110-1879cbd411b2', mimeType: 'audio/ogg; codecs=opus', voice: true } });
  });

  it('interactive replies (button and list) and their context', () => {
    const events = normalize({
      contacts: CONTACTS,
      messages: [
        { from: '16315551234', id: 'ABGG3', timestamp: '1', type: 'interactive', context: { from: '16315550000', id: 'gBEGkYiEB1VXAglK1ZEqA1YKPrU' }, interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } },
        { from: '16315551234', id: 'ABGG4', timestamp: '2', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Row 1', description: 'first' } } },
      ],
    });
    expect(events[0]).toMatchObject({ kind: 'message', text: 'Yes', interactive: { type: 'button_reply', id: 'yes', title: 'Yes' }, context: { messageId: 'gBEGkYiEB1VXAglK1ZEqA1YKPrU', from: '16315550000' } });
    expect(events[1]).toMatchObject({ kind: 'message', text: 'Row 1', interactive: { type: 'list_reply', id: 'r1', title: 'Row 1', description: 'first' } });
  });

  it('an unknown message type with its error is reported, not dropped', () => {
    const [event] = normalize({
      contacts: CONTACTS,
      messages: [{ from: '16315551234', id: 'ABGG5', timestamp: '1', type: 'unknown', errors: [{ code: 501, title: 'Unknown message type', details: 'Message type is not currently supported' }] }],
    });
    expect(event).toMatchObject({ kind: 'message', type: 'unknown' });
    expect(event.errors).toEqual([{ code: 501, title: 'Unknown message type', message: null, details: 'Message type is not currently supported', href: null, hint: null }]);
  });
});

describe('normalizeWebhook: On-Premises statuses', () => {
  it('statuses with "type": "message", conversation and pricing', () => {
    const [event] = normalize({
      statuses: [
        {
          id: 'gBGGEgZHMlEfAgkM1RBkhDRr7t8',
          recipient_id: '12064001000',
          status: 'delivered',
          timestamp: '1533332775',
          type: 'message',
          conversation: { id: '532b57b5f6e63595ccd74c6010e5c5c7', expiration_timestamp: 1533419175, origin: { type: 'business_initiated' } },
          pricing: { billable: true, pricing_model: 'CBP', category: 'business_initiated' },
        },
      ],
    });
    expect(event).toMatchObject({
      kind: 'status',
      status: 'delivered',
      messageId: 'gBGGEgZHMlEfAgkM1RBkhDRr7t8',
      recipientId: '12064001000',
      timestamp: 1533332775,
      phoneNumberId: null,
      conversation: { id: '532b57b5f6e63595ccd74c6010e5c5c7', originType: 'business_initiated', expiresAt: 1533419175 },
      pricing: { billable: true, model: 'CBP', category: 'business_initiated', type: null },
      dedupeKey: 'status:gBGGEgZHMlEfAgkM1RBkhDRr7t8:delivered',
    });
  });

  it('a failed status carries the client\'s errors, details included (they sit beside title, not in error_data)', () => {
    const [event] = normalize({
      statuses: [
        {
          errors: [{ code: 470, title: 'Failed to send message because you are outside the support window for freeform messages to this user.', details: 'more than 24 hours', href: 'https://developers.facebook.com/docs/whatsapp/api/errors' }],
          id: 'gBGGEgZHMlEfAgkM1RBkhDRr7t8',
          recipient_id: '12064001000',
          status: 'failed',
          timestamp: '1533332775',
          type: 'message',
        },
      ],
    });
    expect(event).toMatchObject({ kind: 'status', status: 'failed' });
    expect(event.errors).toEqual([
      {
        code: 470,
        title: 'Failed to send message because you are outside the support window for freeform messages to this user.',
        message: null,
        details: 'more than 24 hours',
        href: 'https://developers.facebook.com/docs/whatsapp/api/errors',
        // Core's hints are keyed by Meta's codes; the client's own codes (470 here) have none yet.
        hint: null,
      },
    ]);
  });

  it('messages and statuses in one body give one event each, in order', () => {
    const events = normalize({
      contacts: CONTACTS,
      messages: [{ from: '16315551234', id: 'm1', timestamp: '1', type: 'text', text: { body: 'a' } }],
      statuses: [
        { id: 's1', status: 'sent', timestamp: '2', recipient_id: '16315551234', type: 'message' },
        { id: 's1', status: 'read', timestamp: '3', recipient_id: '16315551234', type: 'message' },
      ],
    });
    expect(events.map((event) => [event.kind, event.messageId, event.status])).toEqual([
      ['message', 'm1', null],
      ['status', 's1', 'sent'],
      ['status', 's1', 'read'],
    ]);
    expect(events[1].contactName).toBe('Kerry Fisher');
  });
});

describe('normalizeWebhook: On-Premises errors and unknown parts', () => {
  it('an errors-only body gives one error event per error, details read', () => {
    const events = normalize({
      errors: [
        { code: 1005, title: 'Access denied', details: 'Invalid credentials' },
        { code: 1022, title: 'Webhook URL not configured' },
      ],
      meta: { api_status: 'stable', version: 'v2.41.2' },
    });
    expect(events.map((event) => event.kind)).toEqual(['error', 'error']);
    expect(events[0].errors).toEqual([{ code: 1005, title: 'Access denied', message: null, details: 'Invalid credentials', href: null, hint: null }]);
    expect(events[1].errors[0]).toMatchObject({ code: 1022, details: null });
    expect(events[0].dedupeKey).not.toBe(events[1].dedupeKey);
  });

  it('undocumented top-level parts are reported as one "unknown" event next to the rest', () => {
    const events = normalize({
      contacts: CONTACTS,
      messages: [{ from: '16315551234', id: 'm9', timestamp: '1', type: 'text', text: { body: 'a' } }],
      groups: [{ id: 'g1' }],
    });
    expect(events.map((event) => event.kind)).toEqual(['message', 'unknown']);
    expect(events[1].raw).toEqual({ groups: [{ id: 'g1' }] });
    expect(events[1].field).toBe('messages');
  });

  it('the meta block of a client answer is not an event', () => {
    const events = normalize({ statuses: [{ id: 's', status: 'read', timestamp: '1', recipient_id: '1' }], meta: { api_status: 'stable' } });
    expect(events.map((event) => event.kind)).toEqual(['status']);
  });
});
