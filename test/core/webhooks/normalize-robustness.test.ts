import { normalizeWebhook } from 'whatsapp-business-core';
import type { WebhookEvent } from 'whatsapp-business-core';
import { EVENT_KEYS, WABA_ID, clone, expectStableShape, messagesBody, metaWebhookExamples, normalize } from './helpers';

type Json = Record<string, unknown>;

const TEXT = { from: '16505551234', id: 'wamid.text', timestamp: '1749416383', type: 'text', text: { body: 'hello' } };
const CONTACTS = [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }];

/** Runs normalizeWebhook, failing the test (instead of crashing it) if it throws. */
function safely(body: unknown): WebhookEvent[] {
  let events: WebhookEvent[] | undefined;
  expect(() => {
    events = normalizeWebhook(body);
  }).not.toThrow();
  expect(Array.isArray(events)).toBe(true);
  expectStableShape(events!);
  return events!;
}

describe('normalizeWebhook: garbage never throws', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['a string that is not JSON', 'definitely not json {'],
    ['an empty string', ''],
    ['an array', [1, 2, 3]],
    ['bytes that are not JSON', new TextEncoder().encode('<html>502 Bad Gateway</html>')],
    ['a JSON string holding a number', '42'],
    ['a JSON string holding null', 'null'],
  ])('%s -> one unknown event', (_label, body) => {
    const events = safely(body);
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('unknown');
    expect(events[0].messageId).toBeNull();
  });

  it('keeps the unparseable text as raw', () => {
    const [event] = safely('definitely not json {');
    expect(event.raw).toBe('definitely not json {');
  });

  it('{} -> one unknown event carrying the body', () => {
    const events = safely({});
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('unknown');
    expect(events[0].raw).toEqual({});
  });

  it('{ entry: "x" } -> one unknown event carrying the body', () => {
    const events = safely({ entry: 'x' });
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('unknown');
    expect(events[0].raw).toEqual({ entry: 'x' });
  });

  it('entries that are not objects -> one unknown event each, valid entries still read', () => {
    const valid = (messagesBody({ contacts: CONTACTS, messages: [TEXT] }).entry as Json[])[0];
    const events = safely({ object: 'whatsapp_business_account', entry: [null, 7, 'x', valid, [1]] });
    expect(events.map((e) => e.kind)).toEqual(['unknown', 'unknown', 'unknown', 'message', 'unknown']);
    expect(events.map((e) => e.raw)).toEqual([null, 7, 'x', TEXT, [1]]);
    expect(events[3].contactName).toBe('Sheena Nelson');
  });

  it('an entry with an empty changes array gives no events; one without a changes list is reported, not dropped', () => {
    expect(safely({ object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes: [] }] })).toEqual([]);
    expect(safely({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
    for (const entry of [{ id: WABA_ID }, { id: WABA_ID, changes: { field: 'messages' } }]) {
      const events = safely({ object: 'whatsapp_business_account', entry: [entry] });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'unknown', wabaId: WABA_ID, raw: entry });
    }
  });

  it('a change without value -> unknown event with the change as raw and the field kept', () => {
    const change = { field: 'messages' };
    const events = safely({ object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes: [change] }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'unknown', field: 'messages', wabaId: WABA_ID });
    expect(events[0].raw).toEqual(change);
  });

  it('changes that are not objects, or whose value is not an object -> unknown events', () => {
    const changes = [null, 'x', { field: 'messages', value: 'x' }, { field: 'messages', value: [TEXT] }, { value: null }];
    const events = safely({ object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes }] });
    expect(events).toHaveLength(5);
    for (const event of events) expect(event.kind).toBe('unknown');
    expect(events.map((e) => e.raw)).toEqual(changes);
  });

  it('a messages array containing null -> unknown for the null, the real messages still read', () => {
    const events = safely(messagesBody({ contacts: CONTACTS, messages: [null, TEXT, 'junk'] }));
    expect(events.map((e) => e.kind)).toEqual(['unknown', 'message', 'unknown']);
    expect(events[0].raw).toBeNull();
    expect(events[1].messageId).toBe('wamid.text');
    expect(events[2].raw).toBe('junk');
  });

  it('a statuses array containing null -> unknown for the null, the real statuses still read', () => {
    const events = safely(messagesBody({ statuses: [null, { id: 'wamid.s', status: 'read', timestamp: '1', recipient_id: '1' }] }));
    expect(events.map((e) => e.kind)).toEqual(['unknown', 'status']);
    expect(events[1].status).toBe('read');
  });

  it('a messages value with nothing readable is still reported (unknown), never dropped', () => {
    const body = messagesBody({ messages: [] });
    const events = safely(body);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'unknown', field: 'messages', phoneNumberId: '106540352242922' });
  });

  it('wrongly typed fields inside a message give nulls, not exceptions or invented values', () => {
    const message = {
      from: { not: 'a string' },
      id: ['wamid'],
      timestamp: 'yesterday',
      type: 'location',
      location: { latitude: 'north', longitude: {}, name: 5, address: null },
      context: 'x',
      referral: 'x',
      errors: 'x',
    };
    const [event] = safely(messagesBody({ contacts: 'x', messages: [message] }));
    expect(event.kind).toBe('message');
    expect(event.from).toBeNull();
    expect(event.messageId).toBeNull();
    expect(event.timestamp).toBeNull();
    expect(event.location).toMatchObject({ latitude: null, longitude: null, address: null });
    expect(event.context).toBeNull();
    expect(event.referral).toBeNull();
    expect(event.errors).toEqual([]);
    expect(event.contactName).toBeNull();
  });

  it('a message whose content object is missing does not throw and keeps its type', () => {
    const types = ['text', 'image', 'audio', 'document', 'sticker', 'video', 'location', 'contacts', 'interactive', 'button', 'reaction', 'order', 'system'];
    const messages = types.map((type, i) => ({ from: '1', id: `wamid.${i}`, timestamp: '1', type }));
    const events = safely(messagesBody({ messages }));
    expect(events.map((e) => e.type)).toEqual(types);
    for (const event of events) expect(event.text).toBeNull();
  });

  it('an interactive message with an unknown or missing reply type does not throw', () => {
    const messages = [
      { from: '1', id: 'wamid.i1', timestamp: '1', type: 'interactive', interactive: {} },
      { from: '1', id: 'wamid.i2', timestamp: '1', type: 'interactive', interactive: { type: 'call_permission_reply', call_permission_reply: { response: 'accept' } } },
      { from: '1', id: 'wamid.i3', timestamp: '1', type: 'interactive', interactive: { type: 'button_reply', button_reply: 'x' } },
    ];
    const events = safely(messagesBody({ messages }));
    expect(events).toHaveLength(3);
    expect(events[1].interactive?.type).toBe('call_permission_reply');
    expect(events[2].interactive).toMatchObject({ type: 'button_reply', id: null, title: null });
  });

  it('survives every value of every Meta example being replaced by junk', () => {
    const junk: unknown[] = [null, 'x', 42, [], {}, true];
    let runs = 0;
    const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      if (typeof value !== 'object' || value === null) return [prefix];
      const keys = Array.isArray(value) ? value.map((_v, i) => i) : Object.keys(value);
      return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
    };
    for (const example of Object.values(metaWebhookExamples())) {
      for (const path of paths(example)) {
        if (path.length === 0) continue;
        for (const replacement of junk) {
          const mutated = clone(example) as Record<string | number, unknown>;
          let node = mutated;
          for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
          node[path[path.length - 1]] = replacement;
          const events = normalizeWebhook(mutated);
          expect(Array.isArray(events)).toBe(true);
          for (const event of events) expect(Object.keys(event).sort()).toEqual(EVENT_KEYS);
          runs += 1;
        }
      }
    }
    expect(runs).toBeGreaterThan(1000);
  });
});

describe('normalizeWebhook: raw input forms', () => {
  const body = messagesBody({
    contacts: [{ profile: { name: 'Lucía Gómez' }, wa_id: '16505551234' }],
    messages: [TEXT, { from: '16505551234', id: 'wamid.r', timestamp: '1749419544', type: 'reaction', reaction: { message_id: 'wamid.text', emoji: '👍' } }],
    statuses: [{ id: 'wamid.s', status: 'read', timestamp: '1', recipient_id: '16505551234' }],
  });
  const text = JSON.stringify(body);

  it('parsed object, JSON string, Uint8Array and Buffer give the same events', () => {
    const fromObject = normalize(body);
    expect(fromObject).toHaveLength(3);
    expect(fromObject[0].contactName).toBe('Lucía Gómez');
    expect(fromObject[1].reaction?.emoji).toBe('👍');
    expect(normalize(text)).toEqual(fromObject);
    expect(normalize(new TextEncoder().encode(text))).toEqual(fromObject);
    expect(normalize(Buffer.from(text, 'utf8'))).toEqual(fromObject);
  });

  it("Meta's escaped-unicode body text gives the same events as the object", () => {
    const escaped = text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(escaped).not.toBe(text);
    expect(normalize(escaped)).toEqual(normalize(body));
    expect(normalize(Buffer.from(escaped, 'utf8'))).toEqual(normalize(body));
  });

  it('a Uint8Array view inside a larger buffer is read by its own bounds', () => {
    const bytes = Buffer.from(text, 'utf8');
    const padded = new Uint8Array(bytes.length + 10);
    padded.fill(0x20);
    padded.set(bytes, 5);
    padded[0] = 0x7b; // '{' outside the view would break JSON.parse if the view were ignored
    expect(normalize(padded.subarray(5, 5 + bytes.length))).toEqual(normalize(body));
  });

  it('each of the Meta examples gives the same events from object, string and bytes', () => {
    for (const example of Object.values(metaWebhookExamples())) {
      const fromObject = normalize(example);
      const json = JSON.stringify(example);
      expect(normalize(json)).toEqual(fromObject);
      expect(normalize(new TextEncoder().encode(json))).toEqual(fromObject);
    }
  });
});

describe('normalizeWebhook: flat On-Premises shape', () => {
  it('reads { contacts, messages } without entry', () => {
    const events = normalize({ contacts: CONTACTS, messages: [TEXT] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'message',
      field: 'messages',
      type: 'text',
      text: 'hello',
      from: '16505551234',
      contactName: 'Sheena Nelson',
      messageId: 'wamid.text',
      timestamp: 1749416383,
      wabaId: null,
      phoneNumberId: null,
    });
  });

  it('reads { statuses } without entry', () => {
    const events = normalize({ statuses: [{ id: 'gBGGFlB5YjhvAgnhuF1qIUvCo7A', status: 'delivered', timestamp: '1518694700', recipient_id: '16315555555' }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'status', status: 'delivered', messageId: 'gBGGFlB5YjhvAgnhuF1qIUvCo7A', timestamp: 1518694700, recipientId: '16315555555' });
  });

  it('reads the flat shape from a JSON string as well', () => {
    const flat = { contacts: CONTACTS, messages: [TEXT], statuses: [{ id: 'x', status: 'sent', timestamp: '1', recipient_id: '1' }] };
    const events = normalize(JSON.stringify(flat));
    expect(events.map((e) => e.kind)).toEqual(['message', 'status']);
    expect(events).toEqual(normalize(flat));
  });

  it('reads flat { errors } as error events', () => {
    const events = normalize({ errors: [{ code: 1005, title: 'Access denied' }] });
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe('error');
    expect(events[0].errors[0]).toMatchObject({ code: 1005, title: 'Access denied' });
  });
});

describe('normalizeWebhook: stable shape across kinds', () => {
  it('events of every kind have exactly the keys of a reference message event', () => {
    const reference = normalize(messagesBody({ messages: [TEXT] }))[0];
    const referenceKeys = Object.keys(reference).sort();
    expect(referenceKeys).toEqual(EVENT_KEYS);
    const all = [
      ...Object.values(metaWebhookExamples()).flatMap((example) => normalize(example)),
      ...normalize(messagesBody({ statuses: [{ id: 'w', status: 'read', timestamp: '1', recipient_id: '1' }], errors: [{ code: 130429 }] })),
      ...normalize({ object: 'whatsapp_business_account', entry: [{ id: '1', time: 1, changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }] }),
      ...normalize({ object: 'whatsapp_business_account', entry: [{ id: '1', time: 1, changes: [{ field: 'account_update', value: { event: 'X' } }] }] }),
      ...normalize({ object: 'whatsapp_business_account', entry: [{ id: '1', time: 1, changes: [{ field: 'phone_number_name_update', value: { decision: 'X' } }] }] }),
      ...normalize(null),
      ...normalize(messagesBody({ messages: [{ id: 'h', type: 'hologram' }] })),
    ];
    const kinds = new Set(all.map((e) => e.kind));
    for (const kind of ['message', 'status', 'error', 'template_status', 'account_update', 'phone_number_name', 'group', 'unknown']) expect(kinds).toContain(kind);
    for (const event of all) expect(Object.keys(event).sort()).toEqual(referenceKeys);
  });

  it('unknown events from garbage have dedupe keys that are stable per payload', () => {
    expect(normalize({ foo: 1 })[0].dedupeKey).toBe(normalize({ foo: 1 })[0].dedupeKey);
    expect(normalize({ foo: 1 })[0].dedupeKey).not.toBe(normalize({ foo: 2 })[0].dedupeKey);
  });
});
