import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { eventually, expectGraphError, SandboxClient } from './helpers/client';

const TO = '15551234567';
const send = (template: Record<string, unknown>): Record<string, unknown> => ({
  messaging_product: 'whatsapp',
  to: TO,
  type: 'template',
  template,
});
const text = (value: string): Record<string, unknown> => ({ type: 'text', text: value });

const ORDER_UPDATE = {
  name: 'order_update',
  category: 'UTILITY',
  language: 'en_US',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#42'] } },
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} ships on {{3}}.', example: { body_text: [['Ada', '#42', 'Monday']] } },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Stop updates' },
        { type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}', example: ['https://example.com/track/abc'] },
        { type: 'COPY_CODE', example: 'SAVE10' },
      ],
    },
  ],
};

const orderComponents = (): Record<string, unknown>[] => [
  { type: 'header', parameters: [text('#42')] },
  { type: 'body', parameters: [text('Ada'), text('#42'), text('Monday')] },
  { type: 'button', sub_type: 'url', index: '1', parameters: [text('abc')] },
];

describe('template sends are checked against the created template', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  let orderUpdateId: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pairRate: 0, mps: 0 });
    client = new SandboxClient(sandbox);
    orderUpdateId = (await client.createTemplate(ORDER_UPDATE)).id;
    await client.createTemplate({
      name: 'named_greeting',
      category: 'MARKETING',
      language: 'en',
      parameter_format: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Hello {{first_name}}, your code is {{code}}.',
          example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ada' }, { param_name: 'code', example: 'X1' }] },
        },
      ],
    });
    await client.createTemplate({
      name: 'invoice_ready',
      category: 'UTILITY',
      language: 'en_US',
      components: [
        { type: 'HEADER', format: 'DOCUMENT', example: { header_handle: ['4::handle'] } },
        { type: 'BODY', text: 'Your invoice is attached.' },
      ],
    });
    await client.createTemplate({
      name: 'store_location',
      category: 'UTILITY',
      language: 'en_US',
      components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'We are here.' }],
    });
    await client.createTemplate({
      name: 'login_code',
      category: 'AUTHENTICATION',
      language: 'en_US',
      components: [
        { type: 'BODY', add_security_recommendation: true },
        { type: 'FOOTER', code_expiration_minutes: 10 },
        { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
      ],
    });
  });
  afterAll(() => sandbox.close());

  describe('accepted', () => {
    it('a positional template with header, body and URL button parameters', async () => {
      expect((await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components: orderComponents() }))).status).toBe(200);
    });

    it('quick reply payload and copy_code coupon parameters, index as a number', async () => {
      const components = [
        ...orderComponents(),
        { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'STOP' }] },
        { type: 'button', sub_type: 'copy_code', index: 2, parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
      ];
      expect((await client.send(send({ name: 'order_update', language: { code: 'en_US', policy: 'deterministic' }, components }))).status).toBe(200);
    });

    it('currency and date_time body parameters', async () => {
      const components = orderComponents();
      components[1] = {
        type: 'body',
        parameters: [
          text('Ada'),
          { type: 'currency', currency: { fallback_value: '$100.99', code: 'USD', amount_1000: 100990 } },
          { type: 'date_time', date_time: { fallback_value: 'February 25, 1977' } },
        ],
      };
      expect((await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components }))).status).toBe(200);
    });

    it('a named template with parameter_name on each parameter, in any order', async () => {
      const parameters = [
        { type: 'text', parameter_name: 'code', text: 'X1' },
        { type: 'text', parameter_name: 'first_name', text: 'Ada' },
      ];
      expect((await client.send(send({ name: 'named_greeting', language: { code: 'en' }, components: [{ type: 'body', parameters }] }))).status).toBe(200);
    });

    it('document and location headers', async () => {
      const documentHeader = { type: 'header', parameters: [{ type: 'document', document: { link: 'https://example.com/i.pdf', filename: 'i.pdf' } }] };
      expect((await client.send(send({ name: 'invoice_ready', language: { code: 'en_US' }, components: [documentHeader] }))).status).toBe(200);
      const locationHeader = { type: 'header', parameters: [{ type: 'location', location: { latitude: '37.48', longitude: -122.14, name: 'HQ' } }] };
      expect((await client.send(send({ name: 'store_location', language: { code: 'en_US' }, components: [locationHeader] }))).status).toBe(200);
    });

    it('an authentication template with the code in the body and the OTP button', async () => {
      const components = [
        { type: 'body', parameters: [text('123456')] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [text('123456')] },
      ];
      expect((await client.send(send({ name: 'login_code', language: { code: 'en_US' }, components }))).status).toBe(200);
    });
  });

  describe('132001 template does not exist (HTTP 404)', () => {
    it('for an unknown name', async () => {
      expectGraphError(await client.send(send({ name: 'no_such_template', language: { code: 'en_US' } })), 132001, 'template name (no_such_template) does not exist in en_US', 404);
    });

    it('for a known name in another language', async () => {
      expectGraphError(await client.send(send({ name: 'hello_world', language: { code: 'de' } })), 132001, 'does not exist in de', 404);
    });

    it('for a template that is not APPROVED', async () => {
      const created = await client.createTemplate({ name: 'paused_one', category: 'UTILITY', language: 'en_US', components: [{ type: 'BODY', text: 'Hi' }] });
      expect((await client.control('POST', `templates/${created.id}/status`, { status: 'PAUSED', reason: 'LOW_QUALITY' })).status).toBe(200);
      expectGraphError(await client.send(send({ name: 'paused_one', language: { code: 'en_US' } })), 132001, /is PAUSED; only APPROVED templates can be sent/, 404);
    });
  });

  describe('132000 parameter count mismatch', () => {
    it('too few body parameters', async () => {
      const components = orderComponents();
      components[1] = { type: 'body', parameters: [text('Ada')] };
      const reply = await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components }));
      expectGraphError(reply, 132000, 'template.components[1]: the template body has 3 variables, expected 3 body parameters (got 1)');
    });

    it('no body component at all', async () => {
      const components = orderComponents().filter((component) => component.type !== 'body');
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 132000, /expected 3 body parameters \(got 0\)/);
    });

    it('parameters for a template without variables', async () => {
      const reply = await client.send(send({ name: 'hello_world', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [text('x')] }] }));
      expectGraphError(reply, 132000, /expected 0 body parameters \(got 1\)/);
    });

    it('a missing media header parameter', async () => {
      expectGraphError(await client.send(send({ name: 'invoice_ready', language: { code: 'en_US' } })), 132000, /has a DOCUMENT header and expects 1 header parameter of type document \(got 0\)/);
    });

    it('named parameters that do not match the template names', async () => {
      const parameters = [
        { type: 'text', parameter_name: 'first_name', text: 'Ada' },
        { type: 'text', parameter_name: 'coupon', text: 'X1' },
      ];
      const reply = await client.send(send({ name: 'named_greeting', language: { code: 'en' }, components: [{ type: 'body', parameters }] }));
      expectGraphError(reply, 132000, /body parameter names must be exactly first_name, code \(missing code; unknown coupon\)/);
    });

    it('a URL button with a variable that gets no parameter', async () => {
      const components = orderComponents().filter((component) => component.type !== 'button');
      const reply = await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components }));
      expectGraphError(reply, 132000, /the URL button at index 1 needs a parameter \(its URL ends with a variable\)/);
    });
  });

  describe('132012 parameter format mismatch', () => {
    it('positional parameters sent to a named template', async () => {
      const reply = await client.send(send({ name: 'named_greeting', language: { code: 'en' }, components: [{ type: 'body', parameters: [text('Ada'), text('X1')] }] }));
      expectGraphError(reply, 132012, /every body parameter needs a parameter_name/);
    });

    it('named parameters sent to a positional template', async () => {
      const components = orderComponents();
      components[1] = { type: 'body', parameters: [{ type: 'text', parameter_name: 'a', text: 'Ada' }, text('#42'), text('Monday')] };
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 132012, /take no parameter_name/);
    });

    it('an image parameter for a DOCUMENT header', async () => {
      const header = { type: 'header', parameters: [{ type: 'image', image: { link: 'https://example.com/a.jpg' } }] };
      const reply = await client.send(send({ name: 'invoice_ready', language: { code: 'en_US' }, components: [header] }));
      expectGraphError(reply, 132012, 'template.components[0].parameters[0].type: the template header is DOCUMENT, so the parameter must be of type document (got image)');
    });

    it('a payload parameter on a URL button', async () => {
      const components = orderComponents();
      components[2] = { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'payload', payload: 'x' }] };
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 132012, /url button parameters must be of type text \(got payload\)/);
    });
  });

  describe('131009 invalid parameter values', () => {
    it.each([
      ['a newline', 'Ada\nLovelace'],
      ['a tab', 'Ada\tLovelace'],
      ['five consecutive spaces', 'Ada     Lovelace'],
    ])('body text with %s', async (_label, value) => {
      const components = orderComponents();
      components[1] = { type: 'body', parameters: [text(value), text('#42'), text('Monday')] };
      const reply = await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components }));
      expectGraphError(reply, 131009, 'template.components[1].parameters[0].text: Param text cannot have new-line/tab characters or more than 4 consecutive spaces');
    });

    it('a header text parameter over 60 characters', async () => {
      const components = orderComponents();
      components[0] = { type: 'header', parameters: [text('x'.repeat(61))] };
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 131009, /parameters\[0\]\.text: must be at most 60 characters/);
    });

    it('a button index with no button', async () => {
      const components = [...orderComponents(), { type: 'button', sub_type: 'quick_reply', index: '7', parameters: [{ type: 'payload', payload: 'x' }] }];
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 131009, /index: template 'order_update' has no button at index 7/);
    });

    it('a sub_type that does not match the button kind', async () => {
      const components = [...orderComponents(), { type: 'button', sub_type: 'quick_reply', index: '2', parameters: [{ type: 'payload', payload: 'x' }] }];
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 131009, /button index 2 is a COPY_CODE button, which sub_type quick_reply cannot address/);
    });

    it('a currency without its code', async () => {
      const components = orderComponents();
      components[1] = { type: 'body', parameters: [text('Ada'), { type: 'currency', currency: { fallback_value: '$1', amount_1000: 1000 } }, text('Monday')] };
      expectGraphError(await client.send(send({ name: 'order_update', language: { code: 'en_US' }, components })), 131008, 'template.components[1].parameters[1].currency.code: required parameter is missing');
    });
  });

  it('needs no customer service window', async () => {
    const strict = await startSandbox({ port: 0 });
    try {
      const reply = await new SandboxClient(strict).send(send({ name: 'hello_world', language: { code: 'en_US' } }));
      expect(reply.status).toBe(200);
      await eventually(async () => {
        const log = await new SandboxClient(strict).control('GET', 'messages');
        expect((log.body as { data: { status: string }[] }).data[0].status).toBe('read');
      });
    } finally {
      await strict.close();
    }
  });

  it('knows the template by id too', async () => {
    const reply = await client.graph('GET', orderUpdateId);
    expect(reply.body).toMatchObject({ id: orderUpdateId, name: 'order_update', status: 'APPROVED', parameter_format: 'POSITIONAL' });
  });
});
