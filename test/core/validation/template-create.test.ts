import { LIMITS } from 'whatsapp-business-core';
import { accepted, chars, expectIssues, issue } from './helpers';
import { META_TEMPLATE_CREATE_EXAMPLES } from './meta-template-examples';

type Component = Record<string, unknown>;

const definition = (components: Component[], category = 'MARKETING', extra: Record<string, unknown> = {}) => ({
  name: 'order_update',
  category,
  language: 'en_US',
  components,
  ...extra,
});

const create = (components: Component[], category = 'MARKETING', extra: Record<string, unknown> = {}) =>
  accepted('template.create', definition(components, category, extra));

const createRejected = (components: Component[], category: string, ...expected: ReturnType<typeof issue>[]) =>
  expectIssues('template.create', definition(components, category), ...expected);

const BODY: Component = { type: 'BODY', text: 'Your order has shipped.' };
const body = (text: string, example?: Record<string, unknown>): Component => ({ type: 'BODY', text, ...(example ? { example } : {}) });
const buttons = (...list: Component[]): Component => ({ type: 'BUTTONS', buttons: list });
const quickReply = (text = 'Stop'): Component => ({ type: 'QUICK_REPLY', text });
const urlButton = (url = 'https://example.com/help', extra: Record<string, unknown> = {}): Component => ({ type: 'URL', text: 'Open', url, ...extra });
const phoneButton = (phone_number = '+16467043595'): Component => ({ type: 'PHONE_NUMBER', text: 'Call', phone_number });
const copyCode = (example = 'SAVE10'): Component => ({ type: 'COPY_CODE', example });
const otp = (extra: Record<string, unknown> = {}): Component => ({ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code', ...extra });

const AUTH_BODY: Component = { type: 'BODY', add_security_recommendation: true };
const AUTH_FOOTER: Component = { type: 'FOOTER', code_expiration_minutes: 10 };

describe('template.create: Meta request examples (OpenAPI v23.0)', () => {
  it('has all the examples of the spec', () => {
    expect(Object.keys(META_TEMPLATE_CREATE_EXAMPLES)).toHaveLength(11);
  });

  it.each(Object.entries(META_TEMPLATE_CREATE_EXAMPLES))('accepts "%s"', async (_title, example) => {
    const input = { ...example, name: example.name === '<TEMPLATE_NAME>' ? 'spec_example_template' : example.name };
    const received = await accepted('template.create', input);
    expect(received.name).toBe(input.name);
    expect(received.category).toBe(example.category);
    expect(received.language).toBe(example.language);
    expect(received.components).toHaveLength((example.components as unknown[]).length);
    // Component and button types reach the provider upper-cased.
    for (const component of received.components) {
      expect(component.type).toBe(component.type.toUpperCase());
      if (component.type === 'BUTTONS') for (const button of component.buttons) expect(button.type).toBe(button.type.toUpperCase());
    }
  });
});

describe('template.create: names, category, language', () => {
  it('passes a minimal template on', async () => {
    expect(await create([BODY], 'UTILITY', { allowCategoryChange: true })).toEqual({
      name: 'order_update',
      category: 'UTILITY',
      language: 'en_US',
      components: [BODY],
      allowCategoryChange: true,
    });
  });

  it.each([
    [{ name: 'Order Update' }, 'name', 'may contain only lowercase letters, digits and underscores'],
    [{ name: chars(513) }, 'name', 'at most 512 characters (got 513)'],
    [{ category: 'PROMOTIONAL' }, 'category', 'must be one of "MARKETING", "UTILITY", "AUTHENTICATION" (got "PROMOTIONAL")'],
    [{ language: 'english' }, 'language', 'must be a language code such as en, en_US or pt_BR (got "english")'],
    [{ components: [] }, 'components', 'at least a BODY component'],
    [{ allowCategoryChange: 'yes' }, 'allowCategoryChange', 'must be a boolean (got "yes")'],
  ])('rejects %j', async (change, path, rule) => {
    await expectIssues('template.create', { ...definition([BODY]), ...change }, issue(path, rule));
  });

  it('accepts a 512-character name', async () => {
    expect((await create([BODY], 'MARKETING', { name: chars(512) })).name).toBe(chars(512));
  });
});

describe('template.create: component structure', () => {
  it('accepts lower-case component, format and button types and upper-cases them', async () => {
    const received = await create([
      { type: 'header', format: 'text', text: 'Hello' },
      { type: 'body', text: 'Body' },
      { type: 'footer', text: 'Footer' },
      { type: 'buttons', buttons: [{ type: 'quick_reply', text: 'Yes' }, { type: 'url', text: 'Open', url: 'https://example.com' }] },
    ]);
    expect(received.components).toEqual([
      { type: 'HEADER', format: 'TEXT', text: 'Hello' },
      { type: 'BODY', text: 'Body' },
      { type: 'FOOTER', text: 'Footer' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }, { type: 'URL', text: 'Open', url: 'https://example.com' }] },
    ]);
  });

  it('requires a BODY', async () => {
    await createRejected([{ type: 'FOOTER', text: 'Footer' }], 'MARKETING', issue('components', 'exactly one BODY component (got 0)'));
  });

  it('rejects two BODY components', async () => {
    await createRejected([BODY, { type: 'body', text: 'Again' }], 'MARKETING', issue('components', 'exactly one BODY component (got 2)'));
  });

  it.each(['HEADER', 'FOOTER', 'BUTTONS'])('rejects two %s components', async (type) => {
    const component: Record<string, Component> = {
      HEADER: { type: 'HEADER', format: 'TEXT', text: 'Hi' },
      FOOTER: { type: 'FOOTER', text: 'Bye' },
      BUTTONS: buttons(quickReply()),
    };
    await createRejected([component[type], BODY, component[type]], 'MARKETING', issue('components', `at most one ${type} component (got 2)`));
  });

  it('rejects an unknown component type naming the accepted ones', async () => {
    await createRejected(
      [BODY, { type: 'SIGNATURE', text: 'x' }],
      'MARKETING',
      issue('components[1].type', /must be one of "HEADER", "BODY", "FOOTER", "BUTTONS".* \(got "SIGNATURE"\)/),
    );
  });

  it('rejects unknown fields in a component', async () => {
    await createRejected([{ ...BODY, footer: 'x' }], 'MARKETING', issue('components[0].footer', 'unknown field'));
  });
});

describe('template.create: BODY', () => {
  it('accepts 1024 characters', async () => {
    expect((await create([body(chars(1024))])).components).toEqual([{ type: 'BODY', text: chars(1024) }]);
  });

  it('rejects 1025 characters', async () => {
    await createRejected([body(chars(1025))], 'MARKETING', issue('components[0].text', 'at most 1024 characters (got 1025)'));
  });

  it.each([
    ['missing', { type: 'BODY' }],
    ['blank', { type: 'BODY', text: '  ' }],
  ])('requires the text outside AUTHENTICATION (%s)', async (_label, component) => {
    await createRejected([component], 'UTILITY', issue('components[0].text', 'required'));
  });

  it('accepts positional variables {{1}}..{{n}} with one example row of n values', async () => {
    const component = body('Hi {{1}}, your order {{2}} ships on {{3}}. Thanks {{1}}!', { body_text: [['Ana', '9128', 'Monday']] });
    expect((await create([component])).components).toEqual([component]);
  });

  it('rejects a gap in positional variables', async () => {
    await createRejected(
      [body('Hi {{1}}, order {{3}}.', { body_text: [['Ana', '9128']] })],
      'MARKETING',
      issue('components[0].text', 'variables must be numbered from {{1}} without gaps ({{2}} is missing)'),
    );
  });

  it('rejects variables not starting at {{1}}', async () => {
    await createRejected(
      [body('Order {{2}} is ready.', { body_text: [['9128']] })],
      'MARKETING',
      issue('components[0].text', 'variables must be numbered from {{1}} without gaps ({{1}} is missing)'),
    );
  });

  it.each([
    ['too few', [['Ana']], 'needs 2 example value(s), one per variable (got 1)'],
    ['too many', [['Ana', '9128', 'extra']], 'needs 2 example value(s), one per variable (got 3)'],
    ['no', undefined, 'needs 2 example value(s), one per variable (got 0)'],
  ])('rejects %s example values', async (_label, body_text, rule) => {
    await createRejected(
      [body('Hi {{1}}, order {{2}}.', body_text === undefined ? undefined : { body_text })],
      'MARKETING',
      issue('components[0].example.body_text', rule),
    );
  });

  it('rejects more than one row of example values', async () => {
    await createRejected(
      [body('Hi {{1}}.', { body_text: [['Ana'], ['Bea']] })],
      'MARKETING',
      issue('components[0].example.body_text', 'give one row of example values'),
    );
  });

  it('rejects an empty example value', async () => {
    await createRejected([body('Hi {{1}}.', { body_text: [['']] })], 'MARKETING', issue('components[0].example.body_text[0][0]', 'must not be empty'));
  });

  it('accepts named variables with matching body_text_named_params', async () => {
    const component = body('Hi {{first_name}}, order {{order_number}} for {{first_name}}.', {
      body_text_named_params: [
        { param_name: 'first_name', example: 'Ana' },
        { param_name: 'order_number', example: '9128' },
      ],
    });
    expect((await create([component])).components).toEqual([component]);
  });

  it('rejects a named variable without an example', async () => {
    await createRejected(
      [body('Hi {{first_name}}, order {{order_number}}.', { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] })],
      'MARKETING',
      issue('components[0].example.body_text_named_params', 'missing examples for {{order_number}}'),
    );
  });

  it('rejects named variables without any examples', async () => {
    await createRejected(
      [body('Hi {{first_name}}.')],
      'MARKETING',
      issue('components[0].example.body_text_named_params', 'missing examples for {{first_name}}'),
    );
  });

  it('rejects an example for a variable the text does not use', async () => {
    await createRejected(
      [
        body('Hi {{first_name}}.', {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Ana' },
            { param_name: 'last_name', example: 'Silva' },
          ],
        }),
      ],
      'MARKETING',
      issue('components[0].example.body_text_named_params', 'examples for variables the text does not use: last_name'),
    );
  });

  it('rejects two examples for the same named variable', async () => {
    const issues = await createRejected([
      body('Hi {{first_name}}.', {
        body_text_named_params: [
          { param_name: 'first_name', example: 'Ana' },
          { param_name: 'first_name', example: 'Bea' },
        ],
      }),
    ], 'MARKETING');
    expect(issues).toContainEqual({ path: expect.stringMatching(/^components\[0\]\.example\.body_text_named_params/), rule: expect.stringMatching(/first_name/) });
  });

  it('rejects named examples when the text has no named variables', async () => {
    await createRejected(
      [body('Hi {{1}}.', { body_text: [['Ana']], body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] })],
      'MARKETING',
      issue('components[0].example.body_text_named_params', 'examples for variables the text does not use: first_name'),
    );
  });

  it('rejects positional examples when the text has no variables', async () => {
    const issues = await createRejected([body('Hello there.', { body_text: [['Ana']] })], 'MARKETING');
    expect(issues).toContainEqual({ path: 'components[0].example.body_text', rule: expect.any(String) });
  });

  it('rejects mixing named and positional variables in the body', async () => {
    await createRejected(
      [body('Hi {{first_name}}, order {{1}}.', { body_text: [['9128']], body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] })],
      'MARKETING',
      issue('components', 'use either positional {{1}} or named {{name}} variables in one template, not both'),
    );
  });

  it('rejects mixing named header and positional body variables', async () => {
    await createRejected(
      [
        { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}', example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } },
        body('Order {{1}}.', { body_text: [['9128']] }),
      ],
      'MARKETING',
      issue('components', 'use either positional {{1}} or named {{name}} variables in one template, not both'),
    );
  });

  it.each(['{{First Name}}', '{{ 1 }}', '{{0}}', '{{first-name}}', '{{}}'])('rejects the placeholder %s', async (placeholder) => {
    await createRejected(
      [body(`Hello ${placeholder}, welcome.`)],
      'MARKETING',
      issue('components[0].text', `${placeholder} is not a valid variable: use {{1}}, {{2}}... or {{lowercase_name}}`),
    );
  });

  it('rejects add_security_recommendation outside AUTHENTICATION', async () => {
    await createRejected(
      [{ ...BODY, add_security_recommendation: true }],
      'UTILITY',
      issue('components[0].add_security_recommendation', 'only AUTHENTICATION templates can add the security recommendation'),
    );
  });
});

describe('template.create: HEADER', () => {
  const textHeader = (text: string, example?: Record<string, unknown>): Component => ({
    type: 'HEADER',
    format: 'TEXT',
    text,
    ...(example ? { example } : {}),
  });

  it('accepts a 60-character text header', async () => {
    expect((await create([textHeader(chars(60)), BODY])).components[0]).toEqual(textHeader(chars(60)));
  });

  it('rejects a 61-character text header', async () => {
    await createRejected([textHeader(chars(61)), BODY], 'MARKETING', issue('components[0].text', 'at most 60 characters (got 61)'));
  });

  it('requires text in a TEXT header', async () => {
    await createRejected([{ type: 'HEADER', format: 'TEXT' }, BODY], 'MARKETING', issue('components[0].text', 'required for a TEXT header'));
  });

  it.each([
    ['positional', textHeader('Our {{1}} is on!', { header_text: ['Summer Sale'] })],
    ['named', textHeader('Hi {{first_name}}', { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] })],
  ])('accepts one %s variable with its example', async (_label, header) => {
    expect((await create([header, BODY])).components[0]).toEqual(header);
  });

  it('rejects two variables', async () => {
    await createRejected(
      [textHeader('{{1}} and {{2}}', { header_text: ['a', 'b'] }), BODY],
      'MARKETING',
      issue('components[0].text', 'a header may have at most 1 variable (got 2)'),
    );
  });

  it('rejects a variable without an example', async () => {
    await createRejected(
      [textHeader('Our {{1}} is on!'), BODY],
      'MARKETING',
      issue('components[0].example.header_text', 'needs 1 example value(s), one per variable (got 0)'),
    );
  });

  it('rejects a named variable without an example', async () => {
    await createRejected(
      [textHeader('Hi {{first_name}}'), BODY],
      'MARKETING',
      issue('components[0].example.header_text_named_params', 'missing examples for {{first_name}}'),
    );
  });

  it('rejects an invalid placeholder', async () => {
    await createRejected(
      [textHeader('Hi {{First Name}}'), BODY],
      'MARKETING',
      issue('components[0].text', '{{First Name}} is not a valid variable: use {{1}}, {{2}}... or {{lowercase_name}}'),
    );
  });

  it.each(['IMAGE', 'VIDEO', 'DOCUMENT'])('accepts a %s header with a sample handle', async (format) => {
    const header = { type: 'HEADER', format, example: { header_handle: ['4::aW1hZ2UvanBn:ARYytyb0'] } };
    expect((await create([header, BODY])).components[0]).toEqual(header);
  });

  it.each(['IMAGE', 'VIDEO', 'DOCUMENT'])('rejects a %s header without a sample handle', async (format) => {
    await createRejected(
      [{ type: 'HEADER', format }, BODY],
      'MARKETING',
      issue('components[0].example.header_handle', new RegExp(`^an? ${format} header needs a sample file handle \\(from the Resumable Upload API\\)$`)),
    );
  });

  it('rejects an empty header_handle list', async () => {
    await createRejected(
      [{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [] } }, BODY],
      'MARKETING',
      issue('components[0].example.header_handle', /needs a sample file handle/),
    );
  });

  it('rejects text on a media header', async () => {
    await createRejected(
      [{ type: 'HEADER', format: 'IMAGE', text: 'Hi', example: { header_handle: ['h'] } }, BODY],
      'MARKETING',
      issue('components[0].text', /^an? IMAGE header has no text$/),
    );
  });

  it('accepts a LOCATION header without anything else', async () => {
    expect((await create([{ type: 'header', format: 'location' }, BODY])).components[0]).toEqual({ type: 'HEADER', format: 'LOCATION' });
  });

  it('rejects an unknown header format', async () => {
    await createRejected(
      [{ type: 'HEADER', format: 'AUDIO' }, BODY],
      'MARKETING',
      issue('components[0].format', 'must be one of "TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION" (got "AUDIO")'),
    );
  });
});

describe('template.create: FOOTER', () => {
  it('accepts 60 characters', async () => {
    expect((await create([BODY, { type: 'FOOTER', text: chars(60) }])).components[1]).toEqual({ type: 'FOOTER', text: chars(60) });
  });

  it('rejects 61 characters', async () => {
    await createRejected([BODY, { type: 'FOOTER', text: chars(61) }], 'MARKETING', issue('components[1].text', 'at most 60 characters (got 61)'));
  });

  it.each(['Reply {{1}} to stop', 'Bye {{first_name}}'])('rejects variables: %j', async (text) => {
    await createRejected([BODY, { type: 'FOOTER', text }], 'MARKETING', issue('components[1].text', 'a footer cannot contain variables'));
  });

  it('requires text outside AUTHENTICATION', async () => {
    await createRejected([BODY, { type: 'FOOTER' }], 'MARKETING', issue('components[1].text', 'required'));
  });

  it('rejects code_expiration_minutes outside AUTHENTICATION', async () => {
    await createRejected(
      [BODY, { type: 'FOOTER', text: 'Bye', code_expiration_minutes: 5 }],
      'UTILITY',
      issue('components[1].code_expiration_minutes', 'only AUTHENTICATION templates have a code expiration'),
    );
  });
});

describe('template.create: BUTTONS', () => {
  it('accepts 10 buttons', async () => {
    const list = Array.from({ length: 10 }, (_, i) => quickReply(`Option ${i}`));
    expect((await create([BODY, buttons(...list)])).components[1]).toEqual(buttons(...list));
  });

  it('rejects 11 buttons', async () => {
    const list = Array.from({ length: 11 }, (_, i) => quickReply(`Option ${i}`));
    await createRejected([BODY, buttons(...list)], 'MARKETING', issue('components[1].buttons', 'at most 10 buttons (got 11)'));
  });

  it('rejects an empty button list', async () => {
    await createRejected([BODY, buttons()], 'MARKETING', issue('components[1].buttons', 'at least 1 button'));
  });

  it('accepts 25-character quick reply text', async () => {
    expect((await create([BODY, buttons(quickReply(chars(25)))])).components[1]).toEqual(buttons(quickReply(chars(25))));
  });

  it('rejects 26-character quick reply text', async () => {
    await createRejected([BODY, buttons(quickReply(chars(26)))], 'MARKETING', issue('components[1].buttons[0].text', 'at most 25 characters (got 26)'));
  });

  it('rejects an empty quick reply text', async () => {
    await createRejected([BODY, buttons(quickReply(''))], 'MARKETING', issue('components[1].buttons[0].text', 'must not be empty'));
  });

  it.each(['https://example.com/help', 'http://example.com/a?b=c'])('accepts the static URL %j', async (url) => {
    expect((await create([BODY, buttons(urlButton(url))])).components[1]).toEqual(buttons(urlButton(url)));
  });

  it.each(['ftp://example.com/a', 'example.com/help', 'javascript:alert(1)'])('rejects the URL %j', async (url) => {
    await createRejected([BODY, buttons(urlButton(url))], 'MARKETING', issue('components[1].buttons[0].url', 'must be an http(s) URL'));
  });

  it('accepts a URL ending in {{1}} with exactly 1 example', async () => {
    const button = urlButton('https://example.com/track/{{1}}', { example: ['https://example.com/track/ABC123'] });
    expect((await create([BODY, buttons(button)])).components[1]).toEqual(buttons(button));
  });

  it.each([
    ['no', undefined],
    ['2', ['https://example.com/track/A', 'https://example.com/track/B']],
  ])('rejects a URL variable with %s examples', async (_label, example) => {
    await createRejected(
      [BODY, buttons(urlButton('https://example.com/track/{{1}}', example === undefined ? {} : { example }))],
      'MARKETING',
      issue('components[1].buttons[0].example', 'needs 1 example: the full URL with the variable filled in'),
    );
  });

  it.each([
    'https://example.com/{{1}}/track',
    'https://example.com/track/{{2}}',
    'https://example.com/{{1}}/{{1}}',
    'https://example.com/track/{{code}}',
    'https://example.com/?a={{1}}&b={{2}}',
  ])('rejects the URL variable in %j', async (url) => {
    await createRejected(
      [BODY, buttons(urlButton(url, { example: ['https://example.com/x'] }))],
      'MARKETING',
      issue('components[1].buttons[0].url', 'a URL may have one variable, {{1}}, and only at its end'),
    );
  });

  it('accepts 2 URL buttons and rejects 3', async () => {
    await create([BODY, buttons(urlButton(), urlButton())]);
    await createRejected([BODY, buttons(urlButton(), urlButton(), urlButton())], 'MARKETING', issue('components[1].buttons', 'at most 2 URL button(s) (got 3)'));
  });

  it('accepts 1 PHONE_NUMBER button and rejects 2', async () => {
    await create([BODY, buttons(phoneButton())]);
    await createRejected(
      [BODY, buttons(phoneButton(), phoneButton('+351912345678'))],
      'MARKETING',
      issue('components[1].buttons', 'at most 1 PHONE_NUMBER button(s) (got 2)'),
    );
  });

  it('accepts 1 COPY_CODE button and rejects 2', async () => {
    await create([BODY, buttons(copyCode())]);
    await createRejected([BODY, buttons(copyCode(), copyCode('OTHER'))], 'MARKETING', issue('components[1].buttons', 'at most 1 COPY_CODE button(s) (got 2)'));
  });

  it('accepts a 20-character phone_number and rejects 21', async () => {
    expect((await create([BODY, buttons(phoneButton(chars(20, '1')))])).components[1]).toEqual(buttons(phoneButton(chars(20, '1'))));
    await createRejected(
      [BODY, buttons(phoneButton(chars(21, '1')))],
      'MARKETING',
      issue('components[1].buttons[0].phone_number', 'at most 20 characters (got 21)'),
    );
  });

  it('accepts a 15-character COPY_CODE example and rejects 16', async () => {
    expect((await create([BODY, buttons(copyCode(chars(15, 'C')))])).components[1]).toEqual(buttons(copyCode(chars(15, 'C'))));
    await createRejected([BODY, buttons(copyCode(chars(16, 'C')))], 'MARKETING', issue('components[1].buttons[0].example', 'at most 15 characters (got 16)'));
  });

  it('rejects an unknown button type', async () => {
    await createRejected(
      [BODY, buttons({ type: 'CALL', text: 'x' })],
      'MARKETING',
      issue('components[1].buttons[0].type', /must be one of "QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE", "OTP".* \(got "CALL"\)/),
    );
  });

  it('rejects an OTP button outside AUTHENTICATION', async () => {
    await createRejected([BODY, buttons(otp())], 'MARKETING', issue('components[1].buttons[0].type', 'OTP buttons are only for AUTHENTICATION templates'));
  });

  it('uses the documented limits', () => {
    expect(LIMITS.template).toMatchObject({
      headerText: 60,
      body: 1024,
      footer: 60,
      buttonText: 25,
      buttons: { max: 10, url: 2, phoneNumber: 1, copyCode: 1 },
      phoneNumber: 20,
      copyCodeExample: 15,
      codeExpirationMinutes: { min: 1, max: 90 },
    });
  });
});

describe('template.create: AUTHENTICATION', () => {
  const auth = (...components: Component[]) => create(components, 'AUTHENTICATION');
  const authRejected = (components: Component[], ...expected: ReturnType<typeof issue>[]) =>
    createRejected(components, 'AUTHENTICATION', ...expected);

  it('accepts body, footer and one COPY_CODE OTP button', async () => {
    const components = [AUTH_BODY, AUTH_FOOTER, buttons(otp())];
    expect((await auth(...components)).components).toEqual(components);
  });

  it('accepts a body without add_security_recommendation and no footer', async () => {
    const components = [{ type: 'BODY' }, buttons(otp())];
    expect((await auth(...components)).components).toEqual(components);
  });

  it('accepts lower-case otp_type', async () => {
    const received = await auth(AUTH_BODY, buttons({ type: 'otp', otp_type: 'copy_code' }));
    expect(received.components[1]).toEqual(buttons({ type: 'OTP', otp_type: 'COPY_CODE' }));
  });

  it('rejects text in the body', async () => {
    await authRejected(
      [{ type: 'BODY', text: 'Your code is {{1}}', example: { body_text: [['123456']] } }, buttons(otp())],
      issue('components[0].text', 'AUTHENTICATION templates use fixed text set by Meta: omit it'),
    );
  });

  it('rejects a header', async () => {
    await authRejected(
      [{ type: 'HEADER', format: 'TEXT', text: 'Code' }, AUTH_BODY, buttons(otp())],
      issue('components[0]', 'AUTHENTICATION templates cannot have a header'),
    );
  });

  it.each([1, 90])('accepts code_expiration_minutes %i', async (minutes) => {
    const footer = { type: 'FOOTER', code_expiration_minutes: minutes };
    expect((await auth(AUTH_BODY, footer, buttons(otp()))).components[1]).toEqual(footer);
  });

  it.each([
    [0, 'must be at least 1 (got 0)'],
    [91, 'must be at most 90 (got 91)'],
  ])('rejects code_expiration_minutes %i', async (minutes, rule) => {
    await authRejected(
      [AUTH_BODY, { type: 'FOOTER', code_expiration_minutes: minutes }, buttons(otp())],
      issue('components[1].code_expiration_minutes', rule),
    );
  });

  it('rejects footer text', async () => {
    await authRejected(
      [AUTH_BODY, { type: 'FOOTER', text: 'Expires soon', code_expiration_minutes: 5 }, buttons(otp())],
      issue('components[1].text', 'AUTHENTICATION footers have no text; use code_expiration_minutes'),
    );
  });

  it('needs a BUTTONS component', async () => {
    await authRejected([AUTH_BODY], issue('components', 'AUTHENTICATION templates need a BUTTONS component with an OTP button'));
  });

  it.each([
    ['no OTP button', [quickReply()], 0],
    ['two OTP buttons', [otp(), otp()], 2],
  ])('rejects %s', async (_label, list, count) => {
    await authRejected([AUTH_BODY, buttons(...list)], issue('components[1].buttons', `AUTHENTICATION templates need exactly 1 OTP button (got ${count})`));
  });

  it('rejects buttons other than the OTP button', async () => {
    // Meta: authentication templates carry only the one-time password button.
    const issues = await authRejected([AUTH_BODY, buttons(otp(), quickReply())]);
    expect(issues).toContainEqual({
      path: expect.stringMatching(/^components\[1\]\.buttons/),
      rule: expect.stringMatching(/AUTHENTICATION/),
    });
  });

  it('accepts ONE_TAP with package_name and signature_hash', async () => {
    const button = otp({ otp_type: 'ONE_TAP', autofill_text: 'Autofill', package_name: 'com.example.app', signature_hash: 'K8a%2FAINcGX7' });
    expect((await auth(AUTH_BODY, buttons(button))).components[1]).toEqual(buttons(button));
  });

  it.each(['ONE_TAP', 'ZERO_TAP'])('accepts %s with supported_apps', async (otp_type) => {
    const button = otp({
      otp_type,
      zero_tap_terms_accepted: true,
      supported_apps: [{ package_name: 'com.example.app', signature_hash: 'K8a%2FAINcGX7' }],
    });
    expect((await auth(AUTH_BODY, buttons(button))).components[1]).toEqual(buttons(button));
  });

  it.each(['ONE_TAP', 'ZERO_TAP'])('rejects %s without package_name, signature_hash or supported_apps', async (otp_type) => {
    await authRejected(
      [AUTH_BODY, buttons(otp({ otp_type }))],
      issue('components[1].buttons[0]', `${otp_type} buttons need package_name and signature_hash (or supported_apps)`),
    );
  });

  it('rejects ONE_TAP with package_name but no signature_hash', async () => {
    await authRejected(
      [AUTH_BODY, buttons(otp({ otp_type: 'ONE_TAP', package_name: 'com.example.app' }))],
      issue('components[1].buttons[0]', 'ONE_TAP buttons need package_name and signature_hash (or supported_apps)'),
    );
  });

  it('rejects ONE_TAP with signature_hash but no package_name', async () => {
    await authRejected(
      [AUTH_BODY, buttons(otp({ otp_type: 'ONE_TAP', signature_hash: 'K8a%2FAINcGX7' }))],
      issue('components[1].buttons[0]', 'ONE_TAP buttons need package_name and signature_hash (or supported_apps)'),
    );
  });

  it('rejects a supported app without signature_hash', async () => {
    await authRejected(
      [AUTH_BODY, buttons(otp({ otp_type: 'ONE_TAP', supported_apps: [{ package_name: 'com.example.app' }] }))],
      issue('components[1].buttons[0].supported_apps[0].signature_hash', 'required'),
    );
  });

  it('rejects an unknown otp_type', async () => {
    await authRejected(
      [AUTH_BODY, buttons(otp({ otp_type: 'SMS' }))],
      issue('components[1].buttons[0].otp_type', 'must be one of "COPY_CODE", "ONE_TAP", "ZERO_TAP" (got "SMS")'),
    );
  });
});
