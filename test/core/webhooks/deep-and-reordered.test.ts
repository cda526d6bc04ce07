/**
 * normalizeWebhook never throws, whatever the depth of the JSON, and costs time proportional to the
 * body; events without an id get the same dedupeKey however Meta orders the keys of a redelivery.
 */
import { MAX_WEBHOOK_DEPTH, normalizePassThroughWebhook, normalizeWebhook } from 'whatsapp-business-core';
import { jsonTextOf } from '../../../core/json-depth';
import { expectLinearGrowth, GROWTH_FACTOR } from '../../helpers/growth';

const deepArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** A Meta envelope whose message carries a referral nested `depth` levels below the body. */
const deepInsideEnvelope = (depth: number) =>
  `{"entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"id":"wamid.1","type":"text","text":{"body":"hi"},"referral":${deepObjects(depth)}}]}}]}]}`;

function expectTooDeep(body: unknown, text: string): void {
  const events = normalizeWebhook(body);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ kind: 'unknown', raw: text });
  expect(events[0].errors[0]).toMatchObject({ title: 'Webhook body nested too deep' });
  expect(events[0].dedupeKey).toMatch(/^unknown:/);
  // What a face does next (an n8n item, an MCP result, the inbox) must work too.
  expect(() => JSON.stringify(events)).not.toThrow();
  expect(() => structuredClone(events)).not.toThrow();
}

describe('JSON nested deeper than any webhook: one unknown event, never a throw', () => {
  it.each([5_000, 100_000])('%i levels of arrays and of objects, as text, bytes or parsed', (depth) => {
    for (const text of [deepArrays(depth), deepObjects(depth), deepInsideEnvelope(depth)]) {
      expectTooDeep(text, text);
      expectTooDeep(new TextEncoder().encode(text), text);
      expectTooDeep(JSON.parse(text), text);
    }
  });

  it('reads a body exactly MAX_WEBHOOK_DEPTH deep, and refuses one level more', () => {
    const envelopeDepth = 7; // body > entry[] > {} > changes[] > {} > value > messages[] > message: the message is level 8
    const fits = normalizeWebhook(deepInsideEnvelope(MAX_WEBHOOK_DEPTH - envelopeDepth - 1));
    expect(fits).toMatchObject([{ kind: 'message', messageId: 'wamid.1' }]);
    expect(fits[0].errors).toEqual([]);
    expectTooDeep(deepInsideEnvelope(MAX_WEBHOOK_DEPTH - envelopeDepth), deepInsideEnvelope(MAX_WEBHOOK_DEPTH - envelopeDepth));
  });

  it('a parsed body that contains itself', () => {
    const body: Record<string, unknown> = { entry: [] };
    (body.entry as unknown[]).push({ changes: [{ field: 'messages', value: body }] });
    const events = normalizeWebhook(body);
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('unknown');
    expect(String(events[0].raw)).toContain('"[cycle]"');
  });

  it('pass-through hands a too-deep body on as its JSON text', () => {
    for (const depth of [5_000, 100_000]) {
      const text = deepObjects(depth);
      expect(normalizePassThroughWebhook(text)).toEqual({ events: [], raw: text });
      expect(normalizePassThroughWebhook(JSON.parse(text))).toEqual({ events: [], raw: text });
    }
  });

  it('writes JSON text without recursion, as JSON.stringify would', () => {
    const value = { b: [1, 'two', null, true, { c: undefined, d: [] }], a: { 'x"y': -0.5 }, e: undefined, f: new Date(0) };
    expect(jsonTextOf(value)).toBe(JSON.stringify(value));
    expect(jsonTextOf(JSON.parse(deepArrays(50_000)))).toBe(deepArrays(50_000));
  });

  it('costs time proportional to the depth', async () => {
    const small = deepArrays(20_000);
    const large = deepArrays(20_000 * GROWTH_FACTOR);
    await expectLinearGrowth(() => normalizeWebhook(small), () => normalizeWebhook(large));
    const smallParsed = JSON.parse(small) as unknown;
    const largeParsed = JSON.parse(large) as unknown;
    await expectLinearGrowth(() => normalizeWebhook(smallParsed), () => normalizeWebhook(largeParsed));
  });
});

describe('wide bodies: linear in the number of messages, contacts and errors', () => {
  const wide = (n: number) =>
    JSON.stringify({
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                contacts: Array.from({ length: n }, (_, i) => ({ wa_id: `${i}`, profile: { name: `Customer ${i}` } })),
                messages: Array.from({ length: n }, (_, i) => ({ from: `${i}`, type: 'text', text: { body: 'hi' }, timestamp: '1700000000' })),
                errors: Array.from({ length: n }, (_, i) => ({ code: 131000 + (i % 7), title: 'Something went wrong' })),
              },
            },
          ],
        },
      ],
    });

  it('names each sender from the contacts and keys each error, in linear time', async () => {
    const events = normalizeWebhook(wide(3));
    expect(events.filter((e) => e.kind === 'message').map((e) => e.contactName)).toEqual(['Customer 0', 'Customer 1', 'Customer 2']);
    expect(new Set(events.filter((e) => e.kind === 'error').map((e) => e.dedupeKey)).size).toBe(3);
    const small = wide(1_000);
    const large = wide(1_000 * GROWTH_FACTOR);
    await expectLinearGrowth(() => normalizeWebhook(small), () => normalizeWebhook(large));
  });

  it('names the first matching contact by wa_id or user_id, as before', () => {
    const value = {
      contacts: [{ user_id: 'US.1', profile: { name: 'By user id' } }, { wa_id: '15550001', profile: { name: 'By phone' } }],
      messages: [{ from: '15550001', from_user_id: 'US.1', id: 'wamid.A', type: 'text', text: { body: 'x' } }, { from: '15550001', id: 'wamid.B', type: 'text', text: { body: 'y' } }],
    };
    expect(normalizeWebhook(value).map((e) => e.contactName)).toEqual(['By user id', 'By phone']);
    const lone = { contacts: [{ profile: { name: 'Lone' } }], messages: [{ from: '15550002', id: 'wamid.C', type: 'text', text: { body: 'z' } }] };
    expect(normalizeWebhook(lone)[0].contactName).toBe('Lone');
  });
});

/** The same JSON with the keys of every object in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reordered(item)]));
}

describe('dedupeKey of events without an id: the same whatever the order of keys', () => {
  const envelope = (field: string, value: unknown) => ({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', time: 1700000000, changes: [{ field, value }] }] });
  const metadata = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };
  const bodies: [string, unknown][] = [
    ['a message without id', envelope('messages', { messaging_product: 'whatsapp', metadata, messages: [{ from: '16505551234', timestamp: '1700000000', type: 'text', text: { body: 'hi' }, context: { from: '1', id: 'wamid.X' } }] })],
    ['a status without id', envelope('messages', { messaging_product: 'whatsapp', metadata, statuses: [{ status: 'failed', timestamp: '1700000000', recipient_id: '16505551234', errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'more than 24 hours' } }] }] })],
    ['value-level errors', envelope('messages', { messaging_product: 'whatsapp', metadata, errors: [{ code: 131000, title: 'Something went wrong', message: 'x', error_data: { details: 'y' } }] })],
    ['a template status change', envelope('message_template_status_update', { event: 'APPROVED', message_template_id: 1, message_template_name: 'order_update', message_template_language: 'en_US', reason: 'NONE' })],
    ['a group change', envelope('group_lifecycle_update', { groups: [{ type: 'group_create', group_id: 'G1', timestamp: '1700000000', subject: 'Team' }] })],
    ['an unknown field', envelope('some_new_field', { a: 1, b: { c: [1, 2, { d: 'e', f: 'g' }] } })],
    ['an unknown top-level body', { hello: 'world', nested: { x: 1, y: 2 } }],
  ];

  it.each(bodies)('%s', (_label, body) => {
    const original = normalizeWebhook(body);
    const again = normalizeWebhook(reordered(body));
    expect(JSON.stringify(reordered(body))).not.toBe(JSON.stringify(body));
    expect(again.map((e) => e.dedupeKey)).toEqual(original.map((e) => e.dedupeKey));
    // Text and bytes of the reordered body give the same keys as the object.
    expect(normalizeWebhook(JSON.stringify(reordered(body))).map((e) => e.dedupeKey)).toEqual(original.map((e) => e.dedupeKey));
  });

  it('still tells different payloads apart (value, type and array order all count)', () => {
    const keyOf = (value: unknown) => normalizeWebhook(envelope('some_new_field', value))[0].dedupeKey;
    const keys = [{ a: 1 }, { a: '1' }, { a: [1, 2] }, { a: [2, 1] }, { a: null }, { a: {} }, { a: [] }, { b: 1 }, { a: 1, b: undefined }, { 'a:1': '' }];
    const distinct = new Set(keys.map(keyOf));
    // { a: 1, b: undefined } is { a: 1 } in JSON: the only pair that must collide.
    expect(distinct.size).toBe(keys.length - 1);
    expect(keyOf({ a: 1, b: undefined })).toBe(keyOf({ a: 1 }));
  });
});
