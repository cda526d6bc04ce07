import { chars, issue, sendAccepted, sendRejected } from './helpers';

const NAME_RULE = 'may contain only lowercase letters, digits and underscores';
const FORBIDDEN = 'must not contain line breaks, tabs or more than 4 consecutive spaces';

const template = (value: Record<string, unknown>) => ({
  type: 'template',
  template: { name: 'order_update', language: 'en_US', ...value },
});

async function sentTemplate(value: Record<string, unknown>) {
  const sent = await sendAccepted(template(value));
  if (sent.type !== 'template') throw new Error(`expected a template message, got ${sent.type}`);
  return sent.template;
}

describe('template name and language', () => {
  it.each(['order_update', 'a', 'promo_2024', '123', chars(512)])('accepts the name %j', async (name) => {
    expect((await sentTemplate({ name })).name).toBe(name);
  });

  it.each(['Order_Update', 'ORDER', 'order update', 'order-update', 'order.update', 'pedido_ação'])('rejects the name %j', async (name) => {
    await sendRejected(template({ name }), issue('template.name', NAME_RULE));
  });

  it('rejects a 513-character name', async () => {
    await sendRejected(template({ name: chars(513) }), issue('template.name', 'at most 512 characters (got 513)'));
  });

  it('rejects an empty name', async () => {
    await sendRejected(template({ name: '' }), issue('template.name', 'must not be empty'));
  });

  it('requires name and language', async () => {
    await sendRejected(
      { type: 'template', template: {} },
      issue('template.name', 'required'),
      issue('template.language', 'required'),
    );
  });

  it.each(['en', 'en_US', 'pt_BR', 'fil', 'zh_CN', 'es_LA'])('accepts the language %j', async (language) => {
    expect((await sentTemplate({ language })).language).toBe(language);
  });

  it.each(['english', 'EN_us', 'EN', 'en-US', 'en_us', 'en_USA', 'e', ''])('rejects the language %j', async (language) => {
    await sendRejected(
      template({ language }),
      issue('template.language', `must be a language code such as en, en_US or pt_BR (got ${JSON.stringify(language)})`),
    );
  });
});

describe('template header parameters', () => {
  it('accepts a 60-character text header parameter', async () => {
    const sent = await sentTemplate({ header: { type: 'text', text: chars(60) } });
    expect(sent.header).toEqual({ type: 'text', text: chars(60) });
  });

  it('rejects a 61-character text header parameter', async () => {
    await sendRejected(template({ header: { type: 'text', text: chars(61) } }), issue('template.header.text', 'at most 60 characters (got 61)'));
  });

  it('converts a numeric text header parameter to text', async () => {
    const sent = await sentTemplate({ header: { type: 'text', text: 42 } });
    expect(sent.header).toEqual({ type: 'text', text: '42' });
  });

  it('accepts a named text header parameter', async () => {
    const sent = await sentTemplate({ header: { type: 'text', text: 'Ana', name: 'first_name' } });
    expect(sent.header).toEqual({ type: 'text', text: 'Ana', name: 'first_name' });
  });

  it.each([
    { type: 'image', image: { link: 'https://example.com/a.png' } },
    { type: 'image', image: { id: '1234567890' } },
    { type: 'video', video: { link: 'https://example.com/a.mp4' } },
    { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'receipt.pdf' } },
    { type: 'location', location: { latitude: 38.7, longitude: -9.1, name: 'Shop', address: 'Rua A' } },
  ])('accepts the header %j', async (header) => {
    expect((await sentTemplate({ header })).header).toEqual(header);
  });

  it('converts numeric strings in a location header', async () => {
    const sent = await sentTemplate({ header: { type: 'location', location: { latitude: '38.7', longitude: '-9.1' } } });
    expect(sent.header).toEqual({ type: 'location', location: { latitude: 38.7, longitude: -9.1 } });
  });

  it.each([
    [{ type: 'image', image: {} }, 'template.header.image', 'needs either "id" (uploaded media) or "link" (http(s) URL)'],
    [{ type: 'video', video: { link: 'ftp://example.com/a.mp4' } }, 'template.header.video.link', 'must be an http(s) URL'],
    [{ type: 'document', document: { id: '1', link: 'https://example.com/a.pdf' } }, 'template.header.document', 'give either "id" or "link", not both'],
    [{ type: 'location', location: { latitude: 91, longitude: 0 } }, 'template.header.location.latitude', 'must be at most 90 (got 91)'],
    [{ type: 'image', image: { id: '1', caption: 'x' } }, 'template.header.image.caption', 'unknown field'],
    [{ type: 'text', text: '' }, 'template.header.text', 'must not be empty'],
    [{ type: 'audio', audio: { id: '1' } }, 'template.header.type', 'must be one of "text", "image", "video", "document", "location" (got "audio")'],
  ])('rejects the header %j', async (header, path, rule) => {
    await sendRejected(template({ header }), issue(path, rule));
  });
});

describe('template body parameters', () => {
  it('converts positional strings and numbers to text parameters', async () => {
    const sent = await sentTemplate({ body: ['Ana', 42, 3.5] });
    expect(sent.body).toEqual([
      { type: 'text', text: 'Ana' },
      { type: 'text', text: '42' },
      { type: 'text', text: '3.5' },
    ]);
  });

  it('accepts explicit text parameters', async () => {
    const sent = await sentTemplate({ body: [{ type: 'text', text: 'Ana' }] });
    expect(sent.body).toEqual([{ type: 'text', text: 'Ana' }]);
  });

  it('accepts a currency parameter', async () => {
    const currency = { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 };
    expect((await sentTemplate({ body: [currency] })).body).toEqual([currency]);
  });

  it.each([
    [{ code: 'usd' }, 'template.body[0].code', 'must be an ISO 4217 currency code such as USD'],
    [{ code: 'US' }, 'template.body[0].code', 'must be an ISO 4217 currency code such as USD'],
    [{ code: 'DOLLARS' }, 'template.body[0].code', 'must be an ISO 4217 currency code such as USD'],
    [{ amount1000: 100.99 }, 'template.body[0].amount1000', 'must be an integer (the amount times 1000)'],
    [{ amount1000: '100990' }, 'template.body[0].amount1000', 'must be a number (got "100990")'],
    [{ fallbackValue: '' }, 'template.body[0].fallbackValue', 'must not be empty'],
    [{ fallbackValue: undefined }, 'template.body[0].fallbackValue', 'required'],
  ])('rejects a currency parameter with %j', async (change, path, rule) => {
    const currency = { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990, ...change };
    await sendRejected(template({ body: [currency] }), issue(path, rule));
  });

  it('accepts a date_time parameter', async () => {
    const dateTime = { type: 'date_time', fallbackValue: 'February 25, 1977', year: 1977, month: 2, dayOfMonth: 25, hour: 15, minute: 33 };
    expect((await sentTemplate({ body: [dateTime] })).body).toEqual([dateTime]);
  });

  it.each([
    [{ month: 13 }, 'template.body[0].month', 'must be at most 12 (got 13)'],
    [{ dayOfMonth: 0 }, 'template.body[0].dayOfMonth', 'must be at least 1 (got 0)'],
    [{ hour: 24 }, 'template.body[0].hour', 'must be at most 23 (got 24)'],
    [{ calendar: 'JULIAN' }, 'template.body[0].calendar', 'must be one of "GREGORIAN", "SOLAR_HIJRI" (got "JULIAN")'],
    [{ fallbackValue: undefined }, 'template.body[0].fallbackValue', 'required'],
  ])('rejects a date_time parameter with %j', async (change, path, rule) => {
    await sendRejected(template({ body: [{ type: 'date_time', fallbackValue: 'Feb 25', ...change }] }), issue(path, rule));
  });

  it('rejects an unknown parameter type', async () => {
    await sendRejected(
      template({ body: [{ type: 'image', image: { id: '1' } }] }),
      issue('template.body[0].type', 'must be one of "text", "currency", "date_time" (got "image")'),
    );
  });

  it('accepts named parameters given with `name`', async () => {
    const body = [
      { type: 'text', text: 'Ana', name: 'first_name' },
      { type: 'text', text: '9128312831', name: 'order_number' },
    ];
    expect((await sentTemplate({ body })).body).toEqual(body);
  });

  it('turns the object shorthand into a list of named parameters', async () => {
    const sent = await sentTemplate({
      body: {
        first_name: 'Ana',
        order_number: 9128312831,
        total: { type: 'currency', fallbackValue: '$10', code: 'USD', amount1000: 10000 },
      },
    });
    expect(sent.body).toEqual([
      { type: 'text', text: 'Ana', name: 'first_name' },
      { type: 'text', text: '9128312831', name: 'order_number' },
      { type: 'currency', fallbackValue: '$10', code: 'USD', amount1000: 10000, name: 'total' },
    ]);
  });

  it('validates names given through the object shorthand', async () => {
    await sendRejected(
      template({ body: { 'First Name': 'Ana' } }),
      issue('template.body[0].name', 'must be lowercase letters, digits and underscores, starting with a letter'),
    );
  });

  it.each(['First', '1st', '_name', 'first-name'])('rejects the parameter name %j', async (name) => {
    await sendRejected(
      template({ body: [{ type: 'text', text: 'Ana', name }] }),
      issue('template.body[0].name', 'must be lowercase letters, digits and underscores, starting with a letter'),
    );
  });

  it('rejects mixing named and positional parameters', async () => {
    await sendRejected(
      template({ body: ['Ana', { type: 'text', text: '42', name: 'order_number' }] }),
      issue('template.body', 'use either positional parameters (no names) or named parameters (all named), not both'),
    );
  });

  it('rejects a parameter name used twice', async () => {
    await sendRejected(
      template({
        body: [
          { type: 'text', text: 'Ana', name: 'first_name' },
          { type: 'text', text: 'Bea', name: 'first_name' },
        ],
      }),
      issue('template.body[1].name', 'parameter name "first_name" is used twice'),
    );
  });

  it.each([
    ['a line break', 'line\nbreak'],
    ['a carriage return', 'line\r\nbreak'],
    ['a tab', 'tab\there'],
    ['5 consecutive spaces', 'five     spaces'],
  ])('rejects %s in a body parameter', async (_label, text) => {
    await sendRejected(template({ body: [text] }), issue('template.body[0].text', FORBIDDEN));
  });

  it('rejects a line break in a header parameter', async () => {
    await sendRejected(template({ header: { type: 'text', text: 'a\nb' } }), issue('template.header.text', FORBIDDEN));
  });

  it('accepts 4 consecutive spaces', async () => {
    expect((await sentTemplate({ body: ['four    spaces'] })).body).toEqual([{ type: 'text', text: 'four    spaces' }]);
  });

  it.each([
    ['an empty string', ''],
    ['only spaces', '   '],
  ])('rejects %s as a body parameter', async (_label, text) => {
    await sendRejected(template({ body: ['ok', text] }), issue('template.body[1].text', 'must not be empty'));
  });

  it('accepts a 32768-character text parameter and rejects 32769', async () => {
    await sentTemplate({ body: [chars(32768)] });
    await sendRejected(template({ body: [chars(32769)] }), issue('template.body[0].text', 'at most 32768 characters (got 32769)'));
  });
});

describe('template button parameters', () => {
  it('accepts quick_reply, url and copy_code parameters', async () => {
    const buttons = [
      { type: 'quick_reply', index: 0, payload: 'STOP_PROMOS' },
      { type: 'url', index: 1, text: 'order/9128312831' },
      { type: 'copy_code', index: 2, code: chars(15, 'C') },
    ];
    expect((await sentTemplate({ buttons })).buttons).toEqual(buttons);
  });

  it('accepts buttons without index (their position is the index)', async () => {
    const buttons = [
      { type: 'quick_reply', payload: 'A' },
      { type: 'quick_reply', payload: 'B' },
    ];
    expect((await sentTemplate({ buttons })).buttons).toEqual(buttons);
  });

  it.each([
    [{ type: 'quick_reply', payload: '' }, 'template.buttons[0].payload', 'must not be empty'],
    [{ type: 'quick_reply' }, 'template.buttons[0].payload', 'required'],
    [{ type: 'url', text: ' ' }, 'template.buttons[0].text', 'must not be empty'],
    [{ type: 'copy_code', code: chars(16) }, 'template.buttons[0].code', 'at most 15 characters (got 16)'],
    [{ type: 'copy_code', code: '' }, 'template.buttons[0].code', 'must not be empty'],
    [{ type: 'phone_number', text: '1' }, 'template.buttons[0].type', 'must be one of "quick_reply", "url", "copy_code" (got "phone_number")'],
  ])('rejects the button parameter %j', async (button, path, rule) => {
    await sendRejected(template({ buttons: [button] }), issue(path, rule));
  });

  it.each([0, 9])('accepts index %i', async (index) => {
    expect((await sentTemplate({ buttons: [{ type: 'quick_reply', index, payload: 'x' }] })).buttons).toEqual([
      { type: 'quick_reply', index, payload: 'x' },
    ]);
  });

  it.each([
    [-1, 'must be at least 0 (got -1)'],
    [10, 'must be at most 9 (got 10)'],
  ])('rejects index %i', async (index, rule) => {
    await sendRejected(template({ buttons: [{ type: 'quick_reply', index, payload: 'x' }] }), issue('template.buttons[0].index', rule));
  });

  it('rejects a fractional index', async () => {
    await sendRejected(
      template({ buttons: [{ type: 'quick_reply', index: 1.5, payload: 'x' }] }),
      issue('template.buttons[0].index', /int.*\(got 1\.5\)/),
    );
  });

  it('rejects duplicate explicit indexes', async () => {
    await sendRejected(
      template({
        buttons: [
          { type: 'quick_reply', index: 1, payload: 'a' },
          { type: 'url', index: 1, text: 'b' },
        ],
      }),
      issue('template.buttons[1].index', 'button index 1 is already used by buttons[0]'),
    );
  });

  it('rejects an explicit index that repeats an implicit one', async () => {
    await sendRejected(
      template({
        buttons: [
          { type: 'quick_reply', payload: 'a' },
          { type: 'quick_reply', index: 0, payload: 'b' },
        ],
      }),
      issue('template.buttons[1].index', 'button index 0 is already used by buttons[0]'),
    );
  });
});

describe('template object', () => {
  it('passes a complete template on', async () => {
    const value = {
      name: 'order_update',
      language: 'pt_BR',
      header: { type: 'image', image: { link: 'https://example.com/a.png' } },
      body: ['Ana', 42],
      buttons: [{ type: 'url', index: 0, text: 'abc' }],
    };
    expect(await sentTemplate(value)).toEqual({ ...value, body: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '42' }] });
  });

  it('rejects unknown template fields', async () => {
    await sendRejected(template({ components: [] }), issue('template.components', 'unknown field'));
  });
});
