import { normalizePassThroughWebhook, normalizeWebhook } from 'whatsapp-business-core';

const metaMessage = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '200000000000001',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '91856321412', phone_number_id: '100000000000001' },
            contacts: [{ profile: { name: 'Ana' }, wa_id: '91856321322' }],
            messages: [{ from: '91856321322', id: 'wamid.IN1', timestamp: '1700000000', type: 'text', text: { body: 'Hi' } }],
          },
        },
      ],
    },
  ],
};

const metaStatus = {
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '200000000000001',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '91856321412', phone_number_id: '100000000000001' },
            statuses: [{ id: '10415ecbd0c848ebb7d5a3fe53269df6', status: 'delivered', timestamp: '1700000001', recipient_id: '91856321322' }],
          },
        },
      ],
    },
  ],
};

/** A guess at what an undocumented provider callback might look like: nothing Meta's normalizer reads. */
const providerOwn = { msgId: '10415ecbd0c848ebb7d5a3fe53269df6', status: 2, recipient: '91856321322', time: '2024-01-01T00:00:00Z' };

describe('normalizePassThroughWebhook', () => {
  test('a Meta-shaped message body becomes the same events normalizeWebhook gives, and no raw', () => {
    const result = normalizePassThroughWebhook(metaMessage);
    expect(result.raw).toBeNull();
    expect(result.events).toEqual(normalizeWebhook(metaMessage));
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ kind: 'message', from: '91856321322', text: 'Hi' });
  });

  test('a Meta-shaped status body, given as JSON text or bytes, is normalized too', () => {
    const text = JSON.stringify(metaStatus);
    for (const body of [text, new TextEncoder().encode(text)]) {
      const result = normalizePassThroughWebhook(body);
      expect(result.raw).toBeNull();
      expect(result.events).toEqual([expect.objectContaining({ kind: 'status', status: 'delivered', messageId: '10415ecbd0c848ebb7d5a3fe53269df6' })]);
    }
  });

  test("the flat On-Premises shape counts as Meta's", () => {
    const flat = { contacts: [{ profile: { name: 'Ana' }, wa_id: '91856321322' }], messages: [{ from: '91856321322', id: 'ABGG', timestamp: '1700000000', type: 'text', text: { body: 'Hi' } }] };
    const result = normalizePassThroughWebhook(flat);
    expect(result.raw).toBeNull();
    expect(result.events[0]).toMatchObject({ kind: 'message', text: 'Hi' });
  });

  test("any other body is handed on raw, as JSON, with no events", () => {
    expect(normalizePassThroughWebhook(providerOwn)).toEqual({ events: [], raw: providerOwn });
    expect(normalizePassThroughWebhook(JSON.stringify(providerOwn))).toEqual({ events: [], raw: providerOwn });
    expect(normalizePassThroughWebhook(new TextEncoder().encode(JSON.stringify(providerOwn)))).toEqual({ events: [], raw: providerOwn });
  });

  test('bodies that are not JSON objects are kept as they are, never thrown on', () => {
    expect(normalizePassThroughWebhook('status=2&msgId=abc')).toEqual({ events: [], raw: 'status=2&msgId=abc' });
    expect(normalizePassThroughWebhook([1, 2])).toEqual({ events: [], raw: [1, 2] });
    expect(normalizePassThroughWebhook(null)).toEqual({ events: [], raw: null });
    expect(normalizePassThroughWebhook(undefined)).toEqual({ events: [], raw: null });
    expect(normalizePassThroughWebhook(42)).toEqual({ events: [], raw: 42 });
  });

  test('an entry array with nothing readable in it is raw, not a list of "unknown" events', () => {
    const body = { entry: [{ id: 'x' }] };
    expect(normalizePassThroughWebhook(body)).toEqual({ events: [], raw: body });
    expect(normalizePassThroughWebhook({ entry: [] })).toEqual({ events: [], raw: { entry: [] } });
  });

  test('the raw copy is plain JSON: undefined fields disappear, as they would on the wire', () => {
    const result = normalizePassThroughWebhook({ a: 1, b: undefined, nested: { c: undefined, d: 'x' } });
    expect(result.raw).toEqual({ a: 1, nested: { d: 'x' } });
    expect(Object.keys(result.raw as object)).toEqual(['a', 'nested']);
  });
});
