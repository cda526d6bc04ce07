/**
 * The ITNIO provider against the sandbox's ITNIO flavor over real HTTP: every message kind ITNIO
 * offers, templates, and the failures a user meets first (wrong secret, skewed clock, window).
 */
import { inspect } from 'node:util';
import { createProvider, operations, PROVIDER_SUPPORT, WhatsAppApiError } from 'whatsapp-business-core';
import type { MessageKind, Provider } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { steppingClock } from './itnio-fake-transport';

const API_KEY = 'sandbox-itnio-key';
const API_SECRET = 'sandbox-itnio-secret-never-shown';
const APP_ID = 'DGziZf5u';
const BUSINESS_PHONE = '91856321412';
const CUSTOMER = '91856321322';
const STRANGER = '4915112345678';

let sandbox: RunningSandbox;
let provider: Provider;
const providers: Provider[] = [];

function itnio(overrides: Record<string, unknown> = {}): Provider {
  const built = createProvider({ provider: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, baseUrl: sandbox.url, ...overrides } as never);
  providers.push(built);
  return built;
}

interface Logged {
  id: string;
  to: string;
  type: string;
  payload: Record<string, unknown>;
}

async function logged(id: string): Promise<Logged | undefined> {
  const response = await fetch(`${sandbox.url}/_sandbox/messages`);
  return ((await response.json()) as { data: Logged[] }).data.find((message) => message.id === id);
}

beforeAll(async () => {
  sandbox = await startSandbox({ flavor: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, displayPhoneNumber: BUSINESS_PHONE, mps: 0, pairRate: 0 });
  provider = itnio();
  const inbound = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, text: 'Hi!' }) });
  expect(inbound.status).toBe(200);
});
afterAll(async () => {
  for (const built of providers) await built.close();
  await sandbox.close();
});

const to = `+${CUSTOMER}`;
/** One message per kind ITNIO offers, and what ITNIO must have received for it. */
const MESSAGES: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
  text: [{ type: 'text', text: { body: 'Your order is ready' }, replyTo: 'in-1' }, { type: 'text', text: { body: 'Your order is ready' }, context: { refMessageId: 'in-1' } }],
  image: [{ type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Receipt' } }, { image: { link: 'https://example.com/a.jpg', caption: 'Receipt' } }],
  video: [{ type: 'video', video: { link: 'https://example.com/a.mp4' } }, { video: { link: 'https://example.com/a.mp4' } }],
  audio: [{ type: 'audio', audio: { link: 'https://example.com/a.mp3' } }, { audio: { link: 'https://example.com/a.mp3' } }],
  document: [
    { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'invoice.pdf', caption: 'Invoice' } },
    { document: { link: 'https://example.com/a.pdf', filename: 'invoice.pdf', caption: 'Invoice' } },
  ],
  sticker: [{ type: 'sticker', sticker: { link: 'https://example.com/a.webp' } }, { sticker: { link: 'https://example.com/a.webp' } }],
  location: [
    { type: 'location', location: { latitude: 22.72, longitude: 114.25, name: 'Shop', address: 'Longgang, Shenzhen' } },
    { location: { latitude: '22.72', longitude: '114.25', name: 'Shop', address: 'Longgang, Shenzhen' } },
  ],
  contacts: [
    { type: 'contacts', contacts: [{ name: { formattedName: 'Ana Silva', firstName: 'Ana' }, phones: [{ phone: '+55 11 91234-5678', type: 'CELL' }] }] },
    { contacts: [{ name: { formatted_name: 'Ana Silva', first_name: 'Ana' }, phones: [{ phone: '+55 11 91234-5678', type: 'CELL' }] }] },
  ],
  'interactive.button': [
    { type: 'interactive', interactive: { type: 'button', header: { type: 'text', text: 'Pickup' }, body: { text: 'Today?' }, footer: { text: 'Shop' }, action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } } },
    {
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Pickup' },
        body: { text: 'Today?' },
        footer: { text: 'Shop' },
        action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] },
      },
    },
  ],
  'interactive.list': [
    { type: 'interactive', interactive: { type: 'list', body: { text: 'Choose' }, action: { button: 'Options', sections: [{ title: 'Speed', rows: [{ id: 'fast', title: 'Fast', description: 'Next day' }] }] } } },
    { interactive: { type: 'list', body: { text: 'Choose' }, action: { button: 'Options', sections: [{ title: 'Speed', rows: [{ id: 'fast', title: 'Fast', description: 'Next day' }] }] } } },
  ],
  'interactive.location_request_message': [
    { type: 'interactive', interactive: { type: 'location_request', body: { text: 'Where should we deliver?' } } },
    { interactive: { type: 'location_request_message', body: { text: 'Where should we deliver?' }, action: { name: 'send_location' } } },
  ],
  template: [
    { type: 'template', template: { name: 'hello_world', language: 'en_US' } },
    { template: { name: 'hello_world', language: { code: 'en_US' } } },
  ],
};

describe('ITNIO provider against the sandbox', () => {
  test('the table covers every message kind ITNIO offers', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...PROVIDER_SUPPORT.itnio.messageKinds].sort());
  });

  test.each(PROVIDER_SUPPORT.itnio.messageKinds.map((kind: MessageKind) => [kind]))('sends %s through message.send, received as ITNIO documents it', async (kind) => {
    const [input, expected] = MESSAGES[kind];
    const result = await operations['message.send'].run(provider, { to, ...input });
    expect(result).toEqual({ status: 'accepted', messageId: expect.stringMatching(/^[0-9a-f]{32}$/), phoneNumberId: null, to: CUSTOMER, waId: null });
    const record = await logged(result.messageId);
    expect(record).toMatchObject({ to: CUSTOMER, type: kind.split('.')[0] });
    expect(record?.payload).toMatchObject({ appId: APP_ID, businessPhone: BUSINESS_PHONE, recipient: CUSTOMER, channelType: 0, ...expected });
  });

  test('a template created through template.create can be sent at once with its parameters', async () => {
    const created = await operations['template.create'].run(provider, {
      name: 'shipping_update',
      category: 'UTILITY',
      language: 'en_US',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#42'] } },
        { type: 'BODY', text: 'Hi {{1}}, your parcel left our store on {{2}}.', example: { body_text: [['Ana', 'Monday']] } },
      ],
    });
    // The sandbox, like ITNIO's published docs, answers no id: the name stands in for it.
    expect(created).toEqual({ id: 'shipping_update', status: 'PENDING', category: 'UTILITY' });
    const sent = await operations['message.send'].run(provider, {
      to: STRANGER,
      type: 'template',
      template: { name: 'shipping_update', language: 'en_US', header: { type: 'text', text: '#1234' }, body: ['Alice', 'Tuesday'] },
    });
    expect((await logged(sent.messageId))?.payload).toMatchObject({
      template: {
        name: 'shipping_update',
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
          { type: 'body', parameters: [{ type: 'text', text: 'Alice' }, { type: 'text', text: 'Tuesday' }] },
        ],
      },
    });
  });

  test('creating the same template twice is refused with the sandbox\'s Meta-rule status', async () => {
    const template = { name: 'twice_created', category: 'MARKETING', language: 'en', components: [{ type: 'BODY', text: 'Sale today' }] };
    await operations['template.create'].run(provider, template);
    const error = await operations['template.create'].run(provider, template).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as WhatsAppApiError).metaCode).toBe(-100);
  });

  test('a wrong secret fails with -1 and a hint; the secret appears nowhere in the error', async () => {
    const wrongSecret = 'a-wrong-secret-value-123';
    const error = await operations['message.send'].run(itnio({ apiSecret: wrongSecret }), { to, type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    const apiError = error as WhatsAppApiError;
    expect(apiError.message).toBe('ITNIO API error -1: authentication failed (Api-Key, Sign or Timestamp header rejected)');
    expect(apiError.hint).toMatch(/Check the Api-Key and API secret/);
    expect(apiError.details).toMatch(/Sign does not match/);
    const everything = `${apiError.message} ${JSON.stringify(apiError)} ${inspect(apiError, { depth: 10, showHidden: true })}`;
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain(API_SECRET);
  });

  test('a clock an hour off fails with -16 and the clock hint, without retries', async () => {
    const clock = steppingClock(Date.now() - 3_600_000);
    const error = await operations['message.send'].run(itnio({ clock }), { to, type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as WhatsAppApiError).message).toMatch(/^ITNIO API error -16: the timestamp has expired/);
    expect((error as WhatsAppApiError).hint).toMatch(/system clock/);
    expect(clock.sleeps).toHaveLength(0);
  });

  test('a business number the account does not have fails with -96 and says which setting to check', async () => {
    const error = await operations['message.send'].run(itnio({ businessPhone: '6282299953162' }), { to, type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught);
    expect((error as WhatsAppApiError).metaCode).toBe(-96);
    expect((error as WhatsAppApiError).hint).toMatch(/businessPhone/);
  });

  test('a session message to someone who never wrote fails clearly, with the sandbox\'s reason', async () => {
    const error = await operations['message.send'].run(provider, { to: STRANGER, type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as WhatsAppApiError).message).toMatch(/^ITNIO API error -131047: Re-engagement message: custom messages can only be sent within 24 hours/);
  });
});
