import { createHash } from 'node:crypto';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { itnioBannerLines } from '../../sandbox/flavors/itnio/banner';
import { resolveOptions } from '../../sandbox/runtime/options';

const API_KEY = 'bDqJFiq9';
const API_SECRET = '7bz1lzh9';
const APP_ID = 'DGziZf5u';
const BUSINESS_PHONE = '91856321412';
const CUSTOMER = '91856321322';
const STRANGER = '4915112345678';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    flavor: 'itnio',
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    appId: APP_ID,
    displayPhoneNumber: BUSINESS_PHONE,
    timestampToleranceS: 60,
    mps: 0,
    pairRate: 0,
  });
  const inbound = await fetch(`${sandbox.url}/_sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: CUSTOMER, text: 'hello' }),
  });
  expect(inbound.status).toBe(200);
});
afterAll(() => sandbox.close());

interface Signing {
  apiKey?: string | null;
  timestamp?: string | null;
  sign?: string | null;
  /** Seconds added to the current time for the Timestamp. */
  skewS?: number;
}

interface Reply {
  http: number;
  body: { status: string; reason: string; data?: { channelType: number; messageId: string; timestamp: number } };
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

async function post(path: string, body: unknown, signing: Signing = {}, method = 'POST'): Promise<Reply> {
  const timestamp = signing.timestamp === undefined ? String(Math.floor(Date.now() / 1000) + (signing.skewS ?? 0)) : signing.timestamp;
  const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=UTF-8' };
  const apiKey = signing.apiKey === undefined ? API_KEY : signing.apiKey;
  if (apiKey !== null) headers['Api-Key'] = apiKey;
  if (timestamp !== null) headers.Timestamp = timestamp;
  const sign = signing.sign === undefined ? md5(`${API_KEY}${API_SECRET}${timestamp ?? ''}`) : signing.sign;
  if (sign !== null) headers.Sign = sign;
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { http: response.status, body: (await response.json()) as Reply['body'] };
}

const envelope = { appId: APP_ID, businessPhone: BUSINESS_PHONE, recipient: CUSTOMER, channelType: 0 };
const text = { ...envelope, type: 'text', text: { body: 'this is body content' } };
const sendText = (signing?: Signing) => post('/wa/custom/sendMsg', text, signing);

async function sentPayloads(): Promise<{ id: string; to: string; type: string; payload: Record<string, unknown> }[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/messages`);
  return ((await response.json()) as { data: { id: string; to: string; type: string; payload: Record<string, unknown> }[] }).data;
}

describe('ITNIO flavor: signature and timestamp', () => {
  test('a correctly signed text is accepted with ITNIO\'s success envelope, and logged as sent', async () => {
    const reply = await sendText();
    expect(reply.http).toBe(200);
    expect(reply.body).toEqual({ status: '0', reason: 'success', data: { channelType: 0, messageId: expect.stringMatching(/^[0-9a-f]{32}$/), timestamp: expect.any(Number) } });
    const logged = (await sentPayloads()).find((message) => message.id === reply.body.data?.messageId);
    expect(logged).toMatchObject({ to: CUSTOMER, type: 'text', payload: text });
  });

  test('Sign is compared case-insensitively', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    expect((await sendText({ timestamp, sign: md5(`${API_KEY}${API_SECRET}${timestamp}`).toUpperCase() })).body.status).toBe('0');
  });

  test.each([
    ['no Api-Key', { apiKey: null }, '-1', /Api-Key header is missing/],
    ['a wrong Api-Key', { apiKey: 'someone-else' }, '-1', /unknown Api-Key/],
    ['no Sign', { sign: null }, '-1', /Sign header is missing/],
    ['a Sign made with another secret', { sign: md5(`${API_KEY}wrong-secret${Math.floor(Date.now() / 1000)}`) }, '-1', /Sign does not match/],
    ['no Timestamp', { timestamp: null }, '-16', /^timestamp expires/],
    ['a Timestamp in milliseconds', { timestamp: String(Date.now()) }, '-16', /^timestamp expires/],
    ['a Timestamp that is not a number', { timestamp: 'yesterday' }, '-16', /^timestamp expires/],
    ['a Timestamp 10 minutes old', { skewS: -600 }, '-16', /^timestamp expires: Timestamp is \d+ s away from the server's time \(at most 60 s allowed\)/],
    ['a Timestamp 10 minutes ahead', { skewS: 600 }, '-16', /^timestamp expires/],
  ])('%s is refused with status %s (HTTP 200), never echoing the secret', async (_name, signing, status, reason) => {
    const reply = await sendText(signing);
    expect(reply.http).toBe(200);
    expect(reply.body.status).toBe(status);
    expect(reply.body.reason).toMatch(reason);
    expect(JSON.stringify(reply.body)).not.toContain(API_SECRET);
  });

  test('authentication is checked before the content (what the n8n credential test relies on)', async () => {
    const reply = await post('/wa/custom/sendMsg', { ...envelope, recipient: '', type: 'text', text: { body: '' } }, { apiKey: 'nope' });
    expect(reply.body.status).toBe('-1');
    expect((await post('/wa/custom/sendMsg', { ...envelope, recipient: '', type: 'text', text: { body: '' } })).body.status).toBe('-71');
  });

  test('paths and methods ITNIO does not serve are HTTP errors', async () => {
    expect((await post('/wa/custom/nothing', text)).http).toBe(404);
    expect((await post('/v23.0/100000000000001/messages', text)).http).toBe(404);
    expect((await post('/wa/custom/sendMsg', undefined, {}, 'GET')).http).toBe(405);
  });
});

describe('ITNIO flavor: status codes of /wa/custom/sendMsg', () => {
  const media = (type: string, object: unknown) => ({ ...envelope, type, [type]: object });
  const cases: [string, unknown, string, RegExp?][] = [
    ['a body that is not JSON', '{"appId":', '-134', /not valid JSON/],
    ['no appId', { ...text, appId: undefined }, '-14', /appId cannot be empty/],
    ['another appId', { ...text, appId: 'zRTc00Vs' }, '-14', /no application with this id/],
    ['a business phone longer than 14 digits', { ...text, businessPhone: '918563214120000' }, '-93'],
    ['a business phone shorter than 7 digits', { ...text, businessPhone: '918563' }, '-94'],
    ['a business phone with +', { ...text, businessPhone: '+91856321412' }, '-95'],
    ['an unknown business phone', { ...text, businessPhone: '6282299953162' }, '-96'],
    ['a recipient longer than 14 digits', { ...text, recipient: '861733333767386' }, '-70'],
    ['a recipient shorter than 7 digits', { ...text, recipient: '123456' }, '-71'],
    ['no recipient', { ...text, recipient: undefined }, '-71'],
    ['a recipient with letters', { ...text, recipient: '9185632132x' }, '-72'],
    ['channelType 1', { ...text, channelType: 1 }, '-112'],
    ['no channelType', { ...text, channelType: undefined }, '-112'],
    ['no text', { ...envelope, type: 'text' }, '-114'],
    ['an empty text object', media('text', {}), '-114'],
    ['an empty text body', media('text', { body: ' ' }), '-115'],
    ['no image', { ...envelope, type: 'image' }, '-116'],
    ['an image without link', media('image', { caption: 'c' }), '-117'],
    ['an image by media id', media('image', { id: '1234' }), '-117'],
    ['no audio', { ...envelope, type: 'audio' }, '-118'],
    ['an audio without link', media('audio', { link: '' }), '-119'],
    ['no video', { ...envelope, type: 'video' }, '-120'],
    ['a video without link', media('video', { caption: 'c' }), '-121'],
    ['no sticker', { ...envelope, type: 'sticker' }, '-122'],
    ['a sticker without link', media('sticker', { link: null }), '-123'],
    ['no document', { ...envelope, type: 'document' }, '-124'],
    ['a document without link', media('document', { filename: 'a.pdf' }), '-125'],
    ['no location', { ...envelope, type: 'location' }, '-127'],
    ['a location without longitude', media('location', { latitude: '1.5', name: 'n', address: 'a' }), '-128'],
    ['a location without latitude', media('location', { longitude: '1.5', name: 'n', address: 'a' }), '-129'],
    ['a latitude that is not a number', media('location', { latitude: 'north', longitude: '1.5' }), '-134'],
    ['an unknown type', media('fax', { body: 'x' }), '-132'],
    ['a reaction (not a custom message type at ITNIO)', media('reaction', { message_id: 'x', emoji: '👍' }), '-132'],
    ['a template on the custom endpoint', media('template', { name: 'hello_world' }), '-132'],
    ['no type and no content', envelope, '-132'],
    ['a link that is not a URL', media('image', { link: 'abc.com/log.png' }), '-133'],
    ['a link with another scheme', media('document', { link: 'ftp://abc.com/a.pdf', filename: 'a' }), '-133'],
    ['a field ITNIO does not document', { ...text, messaging_product: 'whatsapp' }, '-134', /messaging_product: not a field ITNIO documents here/],
    ['a text preview flag', media('text', { body: 'b', preview_url: true }), '-134', /text\.preview_url/],
    ['two content objects', { ...text, image: { link: 'https://abc.com/a.png' } }, '-134', /^image: not a field/],
    ['a context without refMessageId', { ...text, context: {} }, '-134'],
    [
      'a reply button title longer than Meta allows (Meta\'s rule, Meta\'s code)',
      media('interactive', { type: 'button', body: { text: 'b' }, action: { buttons: [{ type: 'reply', reply: { id: '1', title: 'x'.repeat(21) } }] } }),
      '-131009',
      /^\(#131009\) Parameter value is not valid: interactive\.action\.buttons\[0\]\.reply\.title/,
    ],
    ['an empty interactive object (Meta\'s rule, Meta\'s code)', media('interactive', {}), '-131008', /^\(#131008\) Required parameter is missing: interactive/],
  ];

  // Objects, not tuples: a three-element case would hand jest a `done` callback as the fourth argument.
  test.each(cases.map(([name, body, status, reason]) => ({ name, body, status, reason })))('$name: status $status', async ({ body, status, reason }) => {
    const reply = await post('/wa/custom/sendMsg', body);
    expect(reply.http).toBe(200);
    expect(reply.body.status).toBe(status);
    expect(reply.body.reason).toEqual(expect.any(String));
    if (reason !== undefined) expect(reply.body.reason).toMatch(reason);
  });

  test('a custom message to someone who never wrote is refused at once with -131047 and not logged', async () => {
    const before = (await sentPayloads()).length;
    const reply = await post('/wa/custom/sendMsg', { ...text, recipient: STRANGER });
    expect(reply.body.status).toBe('-131047');
    expect(reply.body.reason).toMatch(/within 24 hours after the recipient last wrote.*send a template instead/);
    expect(await sentPayloads()).toHaveLength(before);
  });

  test('the examples of ITNIO\'s pages are accepted as they are (numbers for businessPhone, location without type)', async () => {
    const examples: Record<string, unknown>[] = [
      { type: 'image', image: { link: 'https://abc.com/log.png', caption: 'title' } },
      { type: 'document', document: { link: 'https://abc.com/log.png', filename: '123', caption: 'title' } },
      { type: 'audio', audio: { link: 'https://abc.com/log.png' } },
      { type: 'video', video: { link: 'https://abc.com/log.png', caption: 'title' } },
      { type: 'sticker', sticker: { link: 'https://abc.com/log.webp' } },
      { location: { address: '深圳市龙岗区', latitude: '62.636152267456', link: 'https://123', name: '深圳', longitude: '104.056640625' } },
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'HEADER_TEXT' },
          body: { text: 'BODY_TEXT' },
          footer: { text: 'FOOTER_TEXT' },
          action: {
            button: 'BUTTON_TEXT',
            sections: [
              { title: 'SECTION_1_TITLE', rows: [{ id: 'S1R1', title: 'ROW_1', description: 'D' }, { id: 'S1R2', title: 'ROW_2' }] },
              { title: 'SECTION_2_TITLE', rows: [{ id: 'S2R1', title: 'ROW_1' }] },
            ],
          },
        },
      },
      { type: 'interactive', interactive: { type: 'button', body: { text: 'BUTTON_TEXT' }, action: { buttons: [{ type: 'reply', reply: { id: '22', title: 'one' } }, { type: 'reply', reply: { id: '33', title: 'two' } }] } } },
      { type: 'interactive', interactive: { type: 'location_request_message', body: { text: '广东省深圳市龙岗区' }, action: { name: 'send_location' } } },
      {
        type: 'contacts',
        contacts: [
          {
            addresses: [{ street: 'STREET', city: 'CITY', state: 'STATE', zip: 'ZIP', country: 'COUNTRY', country_code: 'CC', type: 'HOME' }],
            birthday: '1995-01-11',
            emails: [{ email: 'a@example.com', type: 'WORK' }],
            name: { formatted_name: 'NAME', first_name: 'FIRST_NAME', last_name: 'LAST_NAME' },
            org: { company: 'COMPANY', department: 'DEPARTMENT', title: 'TITLE' },
            phones: [{ phone: '+1 650 555 1234', type: 'HOME' }, { phone: '+1 650 555 1235', type: 'WORK', wa_id: '16505551235' }],
            urls: [{ url: 'https://example.com', type: 'WORK' }],
          },
        ],
      },
      { type: 'text', text: { body: 'this is body content' }, context: { refMessageId: '1' } },
    ];
    for (const example of examples) {
      const reply = await post('/wa/custom/sendMsg', { appId: APP_ID, businessPhone: Number(BUSINESS_PHONE), recipient: CUSTOMER, channelType: 0, ...example });
      expect([JSON.stringify(example).slice(0, 40), reply.body.status, reply.body.reason]).toEqual([JSON.stringify(example).slice(0, 40), '0', 'success']);
    }
  });
});

describe('ITNIO flavor: templates', () => {
  const templateSend = (template: unknown, recipient = STRANGER) => post('/wa/template/sendMsg', { appId: APP_ID, channelType: 0, recipient, businessPhone: BUSINESS_PHONE, template });

  test('hello_world reaches someone who never wrote (templates need no window)', async () => {
    const reply = await templateSend({ name: 'hello_world', language: { code: 'en_US' } });
    expect(reply.body).toMatchObject({ status: '0', reason: 'success' });
    const logged = (await sentPayloads()).find((message) => message.id === reply.body.data?.messageId);
    expect(logged).toMatchObject({ to: STRANGER, type: 'template' });
  });

  test('a template created with /wa/template/add can be sent with header, body and button parameters', async () => {
    const add = await post('/wa/template/add', {
      appId: APP_ID,
      channelType: 0,
      templateName: 'order_update',
      type: 2,
      language: 'en_US',
      components: {
        header: { type: 'HEADER', format: 0, text: 'Order {{1}}', example: { header_text: ['#1'] } },
        body: { type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.', example: { body_text: [['Ana', '#1']] } },
      },
    });
    expect(add).toEqual({ http: 200, body: { status: '0', reason: 'success' } });
    const reply = await templateSend({
      name: 'order_update',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: '#1234' }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Alice' }, { type: 'text', text: '#1234' }] },
      ],
    });
    expect(reply.body.status).toBe('0');
    // The same name again in the same language is Meta's rule, with Meta's code.
    const again = await post('/wa/template/add', {
      appId: APP_ID,
      channelType: 0,
      templateName: 'order_update',
      type: 2,
      language: 'en_US',
      components: { body: { type: 'BODY', text: 'Hi' } },
    });
    expect(again.body.status).toBe('-100');
  });

  test.each([
    ['no template', undefined, '-14'],
    ['a body parameter of a header type', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'image', image: { link: 'https://a.example/x.png' } }] }] }, '-134'],
    ['an unknown component', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'footer', parameters: [] }] }, '-134'],
    ['an empty text parameter', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '' }] }] }, '-135'],
    ['an empty payload', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'button', parameters: [{ type: 'payload', payload: '' }] }] }, '-135'],
    ['a header link that is not a URL', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'header', parameters: [{ type: 'image', image: { link: 'nope' } }] }] }, '-133'],
    ['a template that does not exist', { name: 'no_such_template', language: { code: 'en_US' } }, '-132001'],
    ['parameters the template does not have', { name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }] }, '-132000'],
  ])('%s: status %p', async (_name, template, status) => {
    expect((await templateSend(template)).body.status).toBe(status);
  });

  test.each([
    ['no templateName', { templateName: undefined }, '-14'],
    ['a type that is not 0, 1 or 2', { type: 5 }, '-134'],
    ['a channelType other than 0', { channelType: 2 }, '-112'],
    ['another appId', { appId: 'zRTc00Vs' }, '-14'],
    ['no body component', { components: { header: { type: 'HEADER', format: 0, text: 'Hi' } } }, '-14'],
    ['a footer (not documented by ITNIO)', { components: { body: { type: 'BODY', text: 'Hi' }, footer: { type: 'FOOTER', text: 'x' } } }, '-134'],
    ['a header format out of range', { components: { header: { type: 'HEADER', format: 7 }, body: { type: 'BODY', text: 'Hi' } } }, '-134'],
    ['a name Meta refuses', { templateName: 'Order-Update' }, '-100'],
  ])('template add with %s', async (_name, overrides, status) => {
    const body = { appId: APP_ID, channelType: 0, templateName: 'some_template', type: 1, language: 'en_US', components: { body: { type: 'BODY', text: 'Hi there' } }, ...overrides };
    expect((await post('/wa/template/add', body)).body.status).toBe(status);
  });

  test('template add is signed like the sends', async () => {
    const reply = await post('/wa/template/add', { appId: APP_ID }, { skewS: -3600 });
    expect(reply.body.status).toBe('-16');
  });
});

describe('ITNIO flavor banner', () => {
  test('names the base URL, key, app, number and signing, never the secret', () => {
    const config = resolveOptions({ flavor: 'itnio', apiKey: API_KEY, apiSecret: 'banner-secret-value', appId: APP_ID, displayPhoneNumber: `+${BUSINESS_PHONE}` });
    const lines = itnioBannerLines('http://127.0.0.1:8089', config);
    const text = lines.join('\n');
    expect(text).toContain('http://127.0.0.1:8089');
    expect(text).toContain(`Api-Key           ${API_KEY}`);
    expect(text).toContain(`appId             ${APP_ID}`);
    expect(text).toContain(`Business phone    ${BUSINESS_PHONE}`);
    expect(text).toMatch(/API secret\s+set/);
    expect(text).toMatch(/Sign = md5\(Api-Key \+ API secret \+ Timestamp\)/);
    expect(text).not.toContain('banner-secret-value');
  });
});
