import { DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WABA_ID, clone, messagesBody, normalize } from './helpers';

type Json = Record<string, unknown>;

const SHEENA = { profile: { name: 'Sheena Nelson' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' };

function textMessage(id: string, from = '16505551234', body = 'hello'): Json {
  return { from, id, timestamp: '1749416383', type: 'text', text: { body } };
}

function status(id: string, value: string, timestamp = '1750263773'): Json {
  return { id, status: value, timestamp, recipient_id: '16505551234' };
}

describe('normalizeWebhook: iterating the envelope', () => {
  it('yields every message and status of every change of every entry, in order', () => {
    const entries = ['waba-1', 'waba-2'].map((wabaId) => ({
      id: wabaId,
      changes: ['pn-a', 'pn-b'].map((phoneNumberId) => ({
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: `disp-${phoneNumberId}`, phone_number_id: `${wabaId}/${phoneNumberId}` },
          contacts: [SHEENA],
          messages: [1, 2].map((n) => textMessage(`wamid.${wabaId}.${phoneNumberId}.m${n}`, '16505551234', `text ${n}`)),
          statuses: [1, 2].map((n) => status(`wamid.${wabaId}.${phoneNumberId}.s${n}`, 'delivered')),
        },
      })),
    }));
    const events = normalize({ object: 'whatsapp_business_account', entry: entries });

    const expected: { id: string; kind: string; wabaId: string; phoneNumberId: string }[] = [];
    for (const wabaId of ['waba-1', 'waba-2']) {
      for (const pn of ['pn-a', 'pn-b']) {
        for (const n of [1, 2]) expected.push({ id: `wamid.${wabaId}.${pn}.m${n}`, kind: 'message', wabaId, phoneNumberId: `${wabaId}/${pn}` });
        for (const n of [1, 2]) expected.push({ id: `wamid.${wabaId}.${pn}.s${n}`, kind: 'status', wabaId, phoneNumberId: `${wabaId}/${pn}` });
      }
    }
    expect(events).toHaveLength(16);
    expect(events.map((e) => ({ id: e.messageId, kind: e.kind, wabaId: e.wabaId, phoneNumberId: e.phoneNumberId }))).toEqual(expected);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(16);
    expect(events.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(Array(4).fill(['text 1', 'text 2']).flat());
  });

  it('carries envelope data (field, wabaId, phoneNumberId, displayPhoneNumber) on every event', () => {
    const [event] = normalize(messagesBody({ contacts: [SHEENA], messages: [textMessage('wamid.1')] }));
    expect(event).toMatchObject({ field: 'messages', wabaId: WABA_ID, phoneNumberId: PHONE_NUMBER_ID, displayPhoneNumber: DISPLAY_PHONE_NUMBER });
  });

  it('keeps the raw message untouched', () => {
    const message = { ...textMessage('wamid.raw'), extra_future_field: { nested: [1, 2] } };
    const body = messagesBody({ messages: [message] });
    const before = clone(body);
    const [event] = normalize(body);
    expect(event.raw).toEqual(message);
    expect(body).toEqual(before);
  });
});

describe('normalizeWebhook: senders and contact names', () => {
  it('reads the text sample with BSUID fields: from, fromUserId and the profile name', () => {
    const [event] = normalize(
      messagesBody({
        contacts: [SHEENA],
        messages: [{ ...textMessage('wamid.HBgL', '16505551234', 'Does it come in another color?'), from_user_id: 'US.13491208655302741918' }],
      }),
    );
    expect(event).toMatchObject({
      kind: 'message',
      type: 'text',
      from: '16505551234',
      fromUserId: 'US.13491208655302741918',
      contactName: 'Sheena Nelson',
      text: 'Does it come in another color?',
      timestamp: 1749416383,
    });
  });

  it('handles BSUID-only users: from null, fromUserId set, contactName found via user_id', () => {
    const contacts = [
      { profile: { name: 'Somebody Else' }, wa_id: '491701234567', user_id: 'DE.1111' },
      { profile: { name: 'Private User' }, user_id: 'US.2222' },
    ];
    const message = { from_user_id: 'US.2222', id: 'wamid.bsuid', timestamp: '1760000000', type: 'text', text: { body: 'hi' } };
    const [event] = normalize(messagesBody({ contacts, messages: [message] }));
    expect(event.kind).toBe('message');
    expect(event.from).toBeNull();
    expect(event.fromUserId).toBe('US.2222');
    expect(event.contactName).toBe('Private User');
    expect(event.messageId).toBe('wamid.bsuid');
  });

  it('matches each message of a batch to its own sender profile', () => {
    const contacts = [
      { profile: { name: 'Alice' }, wa_id: '111' },
      { profile: { name: 'Bob' }, wa_id: '222' },
      { profile: { name: 'Carol' }, user_id: 'US.333' },
    ];
    const messages = [
      textMessage('wamid.b', '222'),
      textMessage('wamid.a', '111'),
      { from_user_id: 'US.333', id: 'wamid.c', timestamp: '1', type: 'text', text: { body: 'x' } },
    ];
    const events = normalize(messagesBody({ contacts, messages }));
    expect(events.map((e) => [e.messageId, e.contactName])).toEqual([
      ['wamid.b', 'Bob'],
      ['wamid.a', 'Alice'],
      ['wamid.c', 'Carol'],
    ]);
  });

  it('leaves contactName null when the value has no contacts', () => {
    const [event] = normalize(messagesBody({ messages: [textMessage('wamid.nc')] }));
    expect(event.contactName).toBeNull();
    expect(event.from).toBe('16505551234');
  });
});

describe('normalizeWebhook: message content', () => {
  it('turns a string timestamp into a number', () => {
    const [event] = normalize(messagesBody({ messages: [textMessage('wamid.t')] }));
    expect(event.timestamp).toBe(1749416383);
  });

  it.each([
    ['strings (old payloads)', '37.44221496582', '-122.16165924072'],
    ['numbers (v23 example)', 37.44221496582, -122.16165924072],
  ])('reads latitude/longitude given as %s as numbers', (_label, latitude, longitude) => {
    const message = { from: '16505551234', id: 'wamid.loc', timestamp: '1744344496', type: 'location', location: { latitude, longitude, name: 'Philz Coffee' } };
    const [event] = normalize(messagesBody({ messages: [message] }));
    expect(event.location).toEqual({ latitude: 37.44221496582, longitude: -122.16165924072, name: 'Philz Coffee', address: null, url: null });
    expect(typeof event.location?.latitude).toBe('number');
    expect(typeof event.location?.longitude).toBe('number');
  });

  it('reads a zero coordinate as 0, not null', () => {
    const message = { from: '1', id: 'wamid.zero', timestamp: '1', type: 'location', location: { latitude: '0', longitude: 0 } };
    const [event] = normalize(messagesBody({ messages: [message] }));
    expect(event.location?.latitude).toBe(0);
    expect(event.location?.longitude).toBe(0);
  });

  it.each([
    ['emoji missing', { message_id: 'wamid.target' }],
    ['emoji ""', { message_id: 'wamid.target', emoji: '' }],
  ])('reports a removed reaction (%s) as emoji null', (_label, reaction) => {
    const [event] = normalize(messagesBody({ messages: [{ from: '16505551234', id: 'wamid.r', timestamp: '1749419544', type: 'reaction', reaction }] }));
    expect(event.kind).toBe('message');
    expect(event.type).toBe('reaction');
    expect(event.reaction).toEqual({ messageId: 'wamid.target', emoji: null });
  });

  it('keeps a reaction emoji made of several code points', () => {
    const emoji = '👍🏽';
    const [event] = normalize(messagesBody({ messages: [{ from: '1', id: 'wamid.r2', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.x', emoji } }] }));
    expect(event.reaction).toEqual({ messageId: 'wamid.x', emoji });
  });

  it('reads the audio voice flag', () => {
    const voice = { from: '1', id: 'wamid.v', timestamp: '1744344520', type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc', id: '3344556677', voice: true } };
    const plain = { from: '1', id: 'wamid.a', timestamp: '1744344520', type: 'audio', audio: { mime_type: 'audio/mpeg', id: '3344556678', voice: false } };
    const noFlag = { from: '1', id: 'wamid.n', timestamp: '1744344520', type: 'audio', audio: { mime_type: 'audio/aac', id: '3344556679' } };
    const [v, a, n] = normalize(messagesBody({ messages: [voice, plain, noFlag] }));
    expect(v.media).toMatchObject({ id: '3344556677', mimeType: 'audio/ogg; codecs=opus', sha256: 'abc', voice: true });
    expect(a.media?.voice).toBe(false);
    expect(n.media?.voice).toBeNull();
    expect(v.text).toBeNull();
  });

  it('reads the sticker animated flag', () => {
    const still = { from: '1', id: 'wamid.s1', timestamp: '1744344530', type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'x', id: '4455667788', animated: false } };
    const animated = { from: '1', id: 'wamid.s2', timestamp: '1744344530', type: 'sticker', sticker: { mime_type: 'image/webp', id: '4455667789', animated: true } };
    const [s1, s2] = normalize(messagesBody({ messages: [still, animated] }));
    expect(s1.media).toMatchObject({ id: '4455667788', mimeType: 'image/webp', animated: false });
    expect(s2.media).toMatchObject({ id: '4455667789', animated: true });
  });

  it('reads the document filename and caption', () => {
    const message = {
      from: '1',
      id: 'wamid.d',
      timestamp: '1744344510',
      type: 'document',
      document: { caption: 'Invoice', filename: 'invoice-0042.pdf', mime_type: 'application/pdf', sha256: 'h', id: '2233445566' },
    };
    const [event] = normalize(messagesBody({ messages: [message] }));
    expect(event.media).toEqual({
      id: '2233445566',
      mimeType: 'application/pdf',
      sha256: 'h',
      caption: 'Invoice',
      filename: 'invoice-0042.pdf',
      voice: null,
      animated: null,
      url: null,
    });
    expect(event.text).toBe('Invoice');
  });

  it('reads video media and an inbound media url when present', () => {
    const message = { from: '1', id: 'wamid.vid', timestamp: '1744344500', type: 'video', video: { caption: 'Unboxing', mime_type: 'video/mp4', id: '1234567890', url: 'https://lookaside.example/v' } };
    const [event] = normalize(messagesBody({ messages: [message] }));
    expect(event.media).toMatchObject({ id: '1234567890', mimeType: 'video/mp4', caption: 'Unboxing', url: 'https://lookaside.example/v' });
    expect(event.text).toBe('Unboxing');
  });

  it('reads forwarded flags of the context', () => {
    const forwarded = { ...textMessage('wamid.f1'), context: { forwarded: true } };
    const frequently = { ...textMessage('wamid.f2'), context: { frequently_forwarded: true } };
    const [f1, f2] = normalize(messagesBody({ messages: [forwarded, frequently] }));
    expect(f1.context).toEqual({ messageId: null, from: null, forwarded: true, frequentlyForwarded: false, referredProduct: null });
    expect(f2.context).toEqual({ messageId: null, from: null, forwarded: false, frequentlyForwarded: true, referredProduct: null });
  });

  it('reads a Flows (nfm_reply) answer', () => {
    const message = {
      from: '1',
      id: 'wamid.flow',
      timestamp: '1',
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t","size":"M"}' } },
    };
    const [event] = normalize(messagesBody({ messages: [message] }));
    expect(event.kind).toBe('message');
    expect(event.interactive?.type).toBe('nfm_reply');
    expect(event.interactive?.responseJson).toBe('{"flow_token":"t","size":"M"}');
    expect(JSON.parse(event.interactive!.responseJson!)).toEqual({ flow_token: 't', size: 'M' });
  });

  it('reads a contacts card with several phones, emails and urls', () => {
    const card = {
      name: { formatted_name: 'Ana Pérez', first_name: 'Ana' },
      phones: [
        { phone: '+34 600 000 001', wa_id: '34600000001', type: 'CELL' },
        { phone: '+34 910 000 002', type: 'WORK' },
      ],
      emails: [{ email: 'ana@example.com', type: 'WORK' }],
      urls: [{ url: 'https://example.com', type: 'WORK' }],
      birthday: '1990-01-31',
    };
    const [event] = normalize(messagesBody({ messages: [{ from: '1', id: 'wamid.card', timestamp: '1', type: 'contacts', contacts: [card] }] }));
    expect(event.contacts).toHaveLength(1);
    expect(event.contacts![0]).toMatchObject({
      name: { formattedName: 'Ana Pérez', firstName: 'Ana', lastName: null },
      phones: [
        { phone: '+34 600 000 001', waId: '34600000001', type: 'CELL' },
        { phone: '+34 910 000 002', waId: null, type: 'WORK' },
      ],
      emails: [{ email: 'ana@example.com', type: 'WORK' }],
      urls: [{ url: 'https://example.com', type: 'WORK' }],
      org: null,
      birthday: '1990-01-31',
    });
  });

  it('treats request_welcome as a known message type', () => {
    const [event] = normalize(messagesBody({ messages: [{ from: '1', id: 'wamid.w', timestamp: '1', type: 'request_welcome' }] }));
    expect(event.kind).toBe('message');
    expect(event.type).toBe('request_welcome');
  });
});

describe('normalizeWebhook: unknown message types', () => {
  it('reports type "hologram" as kind unknown, keeping type, messageId, from and raw', () => {
    const message = { from: '16505551234', id: 'wamid.holo', timestamp: '1760000000', type: 'hologram', hologram: { frames: 3 } };
    let events: ReturnType<typeof normalize> = [];
    expect(() => {
      events = normalize(messagesBody({ contacts: [SHEENA], messages: [message] }));
    }).not.toThrow();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'unknown',
      type: 'hologram',
      messageId: 'wamid.holo',
      from: '16505551234',
      contactName: 'Sheena Nelson',
      timestamp: 1760000000,
      phoneNumberId: PHONE_NUMBER_ID,
      wabaId: WABA_ID,
    });
    expect(events[0].raw).toEqual(message);
  });

  it('does not let one unknown message hide its neighbours', () => {
    const messages = [textMessage('wamid.1'), { from: '1', id: 'wamid.2', type: 'hologram' }, textMessage('wamid.3')];
    const events = normalize(messagesBody({ messages }));
    expect(events.map((e) => [e.messageId, e.kind])).toEqual([
      ['wamid.1', 'message'],
      ['wamid.2', 'unknown'],
      ['wamid.3', 'message'],
    ]);
  });

  it('reads a message without a type without inventing one, keeping its id and raw', () => {
    const [event] = normalize(messagesBody({ messages: [{ from: '1', id: 'wamid.notype', timestamp: '1' }] }));
    expect([null, 'unknown']).toContain(event.type);
    expect(event.text).toBeNull();
    expect(event.messageId).toBe('wamid.notype');
    expect(event.raw).toEqual({ from: '1', id: 'wamid.notype', timestamp: '1' });
  });
});

describe('normalizeWebhook: message dedupe keys', () => {
  it('gives the same key to the same message id across two deliveries', () => {
    const first = normalize(messagesBody({ contacts: [SHEENA], messages: [textMessage('wamid.same')] }));
    // Redelivery: separate request, same message (here also batched with another one).
    const second = normalize(messagesBody({ contacts: [SHEENA], messages: [textMessage('wamid.other'), textMessage('wamid.same')] }));
    expect(first[0].dedupeKey).toBe(second[1].dedupeKey);
    expect(second[0].dedupeKey).not.toBe(second[1].dedupeKey);
  });

  it('gives different keys to different message ids', () => {
    const events = normalize(messagesBody({ messages: [textMessage('wamid.a'), textMessage('wamid.b')] }));
    expect(events[0].dedupeKey).not.toBe(events[1].dedupeKey);
  });

  it('does not collide a message with a status about the same wamid', () => {
    const events = normalize(messagesBody({ messages: [textMessage('wamid.x')], statuses: [status('wamid.x', 'read')] }));
    expect(events).toHaveLength(2);
    expect(events[0].dedupeKey).not.toBe(events[1].dedupeKey);
  });
});
