import { inspect } from 'node:util';
import {
  createItnioProvider,
  createProvider,
  listOperations,
  operations,
  PROVIDER_SUPPORT,
  WhatsAppConfigError,
  WhatsAppUnsupportedError,
  WhatsAppValidationError,
} from 'whatsapp-business-core';
import type { Capability, Provider } from 'whatsapp-business-core';
import { API_KEY, API_SECRET, APP_ID, BUSINESS_PHONE, fakeTransport, steppingClock } from './itnio-fake-transport';
import type { FakeTransport } from './itnio-fake-transport';

const base = { provider: 'itnio' as const, apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE };
const TO = '16505551234';

function build(answers?: Parameters<typeof fakeTransport>[0]): { provider: Provider; transport: FakeTransport } {
  const transport = fakeTransport(answers);
  return { provider: createProvider({ ...base, transport, clock: steppingClock() }), transport };
}

function configError(config: Record<string, unknown>): WhatsAppConfigError {
  try {
    createProvider({ ...base, transport: fakeTransport(), clock: steppingClock(), ...config } as never);
  } catch (error) {
    expect(error).toBeInstanceOf(WhatsAppConfigError);
    return error as WhatsAppConfigError;
  }
  throw new Error('expected a configuration error');
}

describe('ITNIO provider: configuration and identity', () => {
  test('has exactly the capabilities PROVIDER_SUPPORT declares for itnio', () => {
    const { provider } = build();
    const all = new Set<Capability>(listOperations().flatMap((operation) => [...operation.requires]));
    const present = [...all].filter((capability) => typeof provider[capability] === 'function');
    expect(present.sort()).toEqual([...PROVIDER_SUPPORT.itnio.capabilities].sort());
    expect(provider.name).toBe('itnio');
    expect(provider.label).toBe('ITNIO API');
  });

  test('createProvider and createItnioProvider build the same provider', () => {
    const direct = createItnioProvider({ ...base, transport: fakeTransport(), clock: steppingClock() });
    const viaFactory = createProvider({ ...base, transport: fakeTransport(), clock: steppingClock() });
    expect(JSON.parse(JSON.stringify(direct))).toEqual(JSON.parse(JSON.stringify(viaFactory)));
  });

  test('serializes and inspects without the secret', async () => {
    const { provider } = build();
    expect(JSON.parse(JSON.stringify(provider))).toEqual({ name: 'itnio', label: 'ITNIO API', appId: APP_ID, businessPhone: BUSINESS_PHONE, baseUrl: 'https://api.itniotech.com' });
    expect(inspect(provider, { depth: 10, showHidden: true })).not.toContain(API_SECRET);
    await provider.close();
  });

  test.each([
    ['too short', '123456', /businessPhone: must have 7-14 digits/],
    ['too long (15 digits)', '123456789012345', /businessPhone: must have 7-14 digits/],
    ['letters', '91856abc412', /businessPhone: must contain only digits/],
  ])('a business phone that is %s fails before ITNIO could answer -93 to -95', (_name, businessPhone, rule) => {
    expect(configError({ businessPhone }).message).toMatch(rule);
  });

  test('a business phone pasted with + and spaces is reduced to digits', () => {
    const provider = createProvider({ ...base, businessPhone: '+91 856 321 412', transport: fakeTransport(), clock: steppingClock() });
    expect(JSON.parse(JSON.stringify(provider)).businessPhone).toBe('91856321412');
  });

  test.each([
    ['00 instead of +', '0091 856 321 412'],
    ['dots and parentheses', '(91) 856.321-412'],
  ])('a business phone with %s is read like every phone number in core', (_name, businessPhone) => {
    const provider = createProvider({ ...base, businessPhone, transport: fakeTransport(), clock: steppingClock() });
    expect(JSON.parse(JSON.stringify(provider)).businessPhone).toBe('91856321412');
  });

  test('a national business number (leading 0, no country code) is refused', () => {
    expect(configError({ businessPhone: '0856321412' }).message).toMatch(/businessPhone: must start with the country code/);
  });

  test.each([
    ['no secret', { apiSecret: undefined }, /apiSecret: required/],
    ['no key', { apiKey: undefined }, /apiKey: required/],
    ['no appId', { appId: undefined }, /appId/],
    ['credentials with transportAuthenticates', { transportAuthenticates: true }, /apiKey: must be left out when transportAuthenticates is true/],
    ['a base URL that is not one', { baseUrl: 'ftp://x' }, /baseUrl: must be an http\(s\) URL/],
    ['an unknown field', { phoneNumberId: '1' }, /phoneNumberId: unknown field/],
  ])('refuses a configuration with %s', (_name, overrides, rule) => {
    expect(configError(overrides).message).toMatch(rule);
  });

  test('transportAuthenticates needs the transport that signs', () => {
    expect(() => createProvider({ provider: 'itnio', transportAuthenticates: true, appId: APP_ID, businessPhone: BUSINESS_PHONE, clock: steppingClock() })).toThrow(
      /transport: required when transportAuthenticates is true/,
    );
  });

  test('configuration errors never echo a secret put in the wrong field', () => {
    const message = `${configError({ appId: `x ${API_SECRET}` }).message} ${configError({ businessPhone: API_SECRET }).message}`;
    expect(message).not.toContain(API_SECRET);
  });
});

describe('ITNIO provider: what ITNIO cannot carry fails before any request', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a sending phone number id', { to: TO, phoneNumberId: '123', type: 'text', text: { body: 'hi' } }, /^phoneNumberId: not used by ITNIO, which sends from the configured businessPhone/],
    ['callback data', { to: TO, bizOpaqueCallbackData: 'x', type: 'text', text: { body: 'hi' } }, /^bizOpaqueCallbackData: ITNIO documents no callback data/],
    ['a link preview', { to: TO, type: 'text', text: { body: 'https://x.example', previewUrl: true } }, /^text\.previewUrl: ITNIO does not document link previews/],
    ['a 15-digit recipient (ITNIO -70)', { to: '123456789012345', type: 'text', text: { body: 'hi' } }, /^to: at most 14 digits including the country code for ITNIO \(got 15\)/],
    ['a document without filename', { to: TO, type: 'document', document: { link: 'https://x.example/a.pdf' } }, /^document\.filename: required by ITNIO/],
    ['a voice note', { to: TO, type: 'audio', audio: { link: 'https://x.example/a.ogg', voice: true } }, /^audio\.voice: ITNIO does not document voice notes/],
    ['a location without name and address', { to: TO, type: 'location', location: { latitude: 1, longitude: 2 } }, /^location\.name: required by ITNIO.*; location\.address: required by ITNIO/],
    [
      'reply buttons with an image header',
      { to: TO, type: 'interactive', interactive: { type: 'button', header: { type: 'image', image: { link: 'https://x.example/a.jpg' } }, body: { text: 'b' }, action: { buttons: [{ id: 'a', title: 'A' }] } } },
      /^interactive\.header\.type: ITNIO documents only text headers/,
    ],
    [
      'a list section without title',
      { to: TO, type: 'interactive', interactive: { type: 'list', body: { text: 'b' }, action: { button: 'Go', sections: [{ rows: [{ id: 'r', title: 'R' }] }] } } },
      /^interactive\.action\.sections\[0\]\.title: required by ITNIO/,
    ],
    ['a URL button parameter', { to: TO, type: 'template', template: { name: 't', language: 'en', buttons: [{ type: 'url', text: 'x' }] } }, /^template\.buttons\[0\]\.type: ITNIO documents only quick_reply/],
    ['a copy-code button parameter', { to: TO, type: 'template', template: { name: 't', language: 'en', buttons: [{ type: 'copy_code', code: 'X1' }] } }, /^template\.buttons\[0\]\.type/],
    ['a button parameter out of order', { to: TO, type: 'template', template: { name: 't', language: 'en', buttons: [{ type: 'quick_reply', index: 1, payload: 'p' }] } }, /^template\.buttons\[0\]\.index: ITNIO's button component has no index/],
    ['named body parameters', { to: TO, type: 'template', template: { name: 't', language: 'en', body: { first_name: 'Ana' } } }, /^template\.body\[0\]\.name: ITNIO documents positional parameters only/],
    ['a named header parameter', { to: TO, type: 'template', template: { name: 't', language: 'en', header: { type: 'text', text: 'x', name: 'n' } } }, /^template\.header\.name/],
    ['a reply-to on a template', { to: TO, replyTo: 'wamid.X', type: 'template', template: { name: 't', language: 'en' } }, /^replyTo: ITNIO documents replies \(context\) for session messages only/],
    ['media by id (central refusal)', { to: TO, type: 'image', image: { id: '12345' } }, /^image\.id: not supported by ITNIO API: it takes media by public https link only/],
    ['a template header image by id', { to: TO, type: 'template', template: { name: 't', language: 'en', header: { type: 'image', image: { id: '1' } } } }, /^template\.header\.image\.id/],
  ];

  test.each(cases)('%s', async (_name, input, rule) => {
    const { provider, transport } = build();
    const error = await operations['message.send'].run(provider, input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppValidationError);
    expect((error as Error).message).toMatch(rule);
    expect(transport.requests).toHaveLength(0);
  });

  test.each([
    ['reaction', { type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '👍' } }, /send a text reply instead/],
    ['interactive.cta_url', { type: 'interactive', interactive: { type: 'cta_url', body: { text: 'b' }, action: { displayText: 'Go', url: 'https://x.example' } } }, /put the link in a text message/],
  ])('a %s message is unsupported, naming the alternative', async (kind, message, alternative) => {
    const { provider, transport } = build();
    const error = await operations['message.send'].run(provider, { to: TO, ...message }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect((error as Error).message).toBe(`message.send of a ${kind} message is not supported by ITNIO API`);
    expect((error as WhatsAppUnsupportedError).hint).toMatch(alternative);
    expect(transport.requests).toHaveLength(0);
  });

  test('the same refusals hold when the provider is called directly, without the catalogue', async () => {
    const { provider, transport } = build();
    await expect(provider.sendMessage?.({ to: TO, type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '👍' } })).rejects.toBeInstanceOf(WhatsAppUnsupportedError);
    await expect(provider.sendMessage?.({ to: TO, type: 'image', image: { id: '1' } })).rejects.toBeInstanceOf(WhatsAppValidationError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe('ITNIO provider: wire format', () => {
  test("a text reply is ITNIO's custom message with context.refMessageId", async () => {
    const { provider, transport } = build();
    const result = await operations['message.send'].run(provider, { to: '+1 650 555 1234', replyTo: 'in-1', type: 'text', text: { body: 'this is body content' } });
    expect(result).toEqual({ status: 'accepted', messageId: 'm-1', phoneNumberId: null, to: TO, waId: null });
    expect(transport.bodies()[0]).toEqual({
      appId: APP_ID,
      businessPhone: BUSINESS_PHONE,
      recipient: TO,
      channelType: 0,
      type: 'text',
      text: { body: 'this is body content' },
      context: { refMessageId: 'in-1' },
    });
  });

  test('a location has string coordinates, as in ITNIO\'s example', async () => {
    const { provider, transport } = build();
    await operations['message.send'].run(provider, { to: TO, type: 'location', location: { latitude: 62.636152267456, longitude: '104.056640625', name: '深圳', address: '深圳市龙岗区' } });
    expect(transport.bodies()[0]).toMatchObject({ type: 'location', location: { latitude: '62.636152267456', longitude: '104.056640625', name: '深圳', address: '深圳市龙岗区' } });
  });

  test('a template goes to /wa/template/sendMsg with header, body and one payload component per button', async () => {
    const { provider, transport } = build();
    await operations['message.send'].run(provider, {
      to: '91856321432',
      type: 'template',
      template: {
        name: 'order_update',
        language: 'en_US',
        header: { type: 'image', image: { link: 'https://example.com/h.jpg' } },
        body: ['Alice', { type: 'currency', fallbackValue: '$10.99', code: 'USD', amount1000: 10990 }],
        buttons: [{ type: 'quick_reply', payload: 'TRACK_1234' }, { type: 'quick_reply', index: 1, payload: 'STOP' }],
      },
    });
    expect(transport.requests[0].url).toBe('https://api.itniotech.com/wa/template/sendMsg');
    expect(transport.bodies()[0]).toEqual({
      appId: APP_ID,
      channelType: 0,
      recipient: '91856321432',
      businessPhone: BUSINESS_PHONE,
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/h.jpg' } }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Alice' },
              { type: 'currency', currency: { fallback_value: '$10.99', code: 'USD', amount_1000: 10990 } },
            ],
          },
          { type: 'button', parameters: [{ type: 'payload', payload: 'TRACK_1234' }] },
          { type: 'button', parameters: [{ type: 'payload', payload: 'STOP' }] },
        ],
      },
    });
  });
});

describe('ITNIO provider: template creation', () => {
  const template = {
    name: 'order_ready',
    category: 'UTILITY',
    language: 'en_US',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#42'] } },
      { type: 'BODY', text: 'Hi {{1}}, your order is ready.', example: { body_text: [['Ana']] } },
    ],
  };

  test("posts ITNIO's documented shape to /wa/template/add; without an id in the answer, the name is the id", async () => {
    const { provider, transport } = build([{ json: { status: '0', reason: 'success' } }]);
    const result = await operations['template.create'].run(provider, template);
    expect(result).toEqual({ id: 'order_ready', status: 'PENDING', category: 'UTILITY' });
    expect(transport.requests[0].url).toBe('https://api.itniotech.com/wa/template/add');
    expect(transport.bodies()[0]).toEqual({
      appId: APP_ID,
      channelType: 0,
      templateName: 'order_ready',
      type: 2,
      language: 'en_US',
      components: {
        header: { type: 'HEADER', format: 0, text: 'Order {{1}}', example: { header_text: ['#42'] } },
        body: { type: 'BODY', text: 'Hi {{1}}, your order is ready.', example: { body_text: [['Ana']] } },
      },
    });
  });

  test('uses an id and status when the answer carries them', async () => {
    const { provider } = build([{ json: { status: '0', reason: 'success', data: { id: 778, status: 'APPROVED' } } }]);
    expect(await operations['template.create'].run(provider, { ...template, category: 'MARKETING' })).toEqual({ id: '778', status: 'APPROVED', category: 'MARKETING' });
  });

  test('a LOCATION header is format 4 without text', async () => {
    const { provider, transport } = build([{ json: { status: '0', reason: 'success' } }]);
    await operations['template.create'].run(provider, { ...template, components: [{ type: 'HEADER', format: 'LOCATION' }, template.components[1]] });
    expect((transport.bodies()[0] as { components: unknown }).components).toMatchObject({ header: { type: 'HEADER', format: 4 } });
  });

  test.each([
    ['a FOOTER', [template.components[1], { type: 'FOOTER', text: 'Shop' }], /^components\[1\]\.type: ITNIO does not document FOOTER components/],
    ['BUTTONS', [template.components[1], { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }] }], /^components\[1\]\.type: ITNIO does not document BUTTONS components/],
    ['an IMAGE header', [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW'] } }, template.components[1]], /^components\[0\]\.format: ITNIO needs a sample file handle for IMAGE headers from an upload interface it does not document/],
    ['named variables', [{ type: 'BODY', text: 'Hi {{name}}, welcome.', example: { body_text_named_params: [{ param_name: 'name', example: 'Ana' }] } }], /^components\[0\]\.example\.body_text_named_params: ITNIO documents positional variables/],
    [
      'a sample file on a TEXT header (it has nowhere to go)',
      [{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#42'], header_handle: ['4::aW'] } }, template.components[1]],
      /^components\[0\]\.example\.header_handle: ITNIO takes no sample file for a TEXT header/,
    ],
  ])('refuses %s without a request, naming the component', async (_name, components, rule) => {
    const { provider, transport } = build();
    const error = await operations['template.create'].run(provider, { ...template, components }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppValidationError);
    expect((error as Error).message).toMatch(rule);
    expect(transport.requests).toHaveLength(0);
  });

  test('refuses Cloud-only fields', async () => {
    const { provider, transport } = build();
    const error = await operations['template.create'].run(provider, { ...template, wabaId: '123', allowCategoryChange: true }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^wabaId: not used by ITNIO.*; allowCategoryChange: ITNIO documents no category change option/);
    expect(transport.requests).toHaveLength(0);
  });
});
