import { chars, issue, sendAccepted, sendRejected } from './helpers';

const interactive = (value: Record<string, unknown>) => ({ type: 'interactive', interactive: value });

describe('interactive reply buttons', () => {
  const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id_${i}`, title: `Option ${i}` }));
  const message = (extra: Record<string, unknown> = {}, action: Record<string, unknown> = { buttons: buttons(2) }) =>
    interactive({ type: 'button', body: { text: 'Pick one' }, action, ...extra });

  it.each([1, 2, 3])('accepts %i buttons', async (n) => {
    const sent = await sendAccepted(message({}, { buttons: buttons(n) }));
    expect(sent).toMatchObject({ interactive: { type: 'button', action: { buttons: buttons(n) } } });
  });

  it.each([
    [0, 'at least 1 reply button (got 0)'],
    [4, 'at most 3 reply buttons (got 4)'],
  ])('rejects %i buttons with the count', async (n, rule) => {
    await sendRejected(message({}, { buttons: buttons(n) }), issue('interactive.action.buttons', rule));
  });

  it('accepts a 256-character id and a 20-character title', async () => {
    const button = { id: chars(256), title: chars(20, 'T') };
    const sent = await sendAccepted(message({}, { buttons: [button] }));
    expect(sent).toMatchObject({ interactive: { action: { buttons: [button] } } });
  });

  it.each([
    [{ id: chars(257), title: 'ok' }, 'interactive.action.buttons[0].id', 'at most 256 characters (got 257)'],
    [{ id: 'a', title: chars(21) }, 'interactive.action.buttons[0].title', 'at most 20 characters (got 21)'],
    [{ id: 'a', title: '' }, 'interactive.action.buttons[0].title', 'must not be empty'],
    [{ id: '', title: 'ok' }, 'interactive.action.buttons[0].id', 'must not be empty'],
    [{ id: 'a' }, 'interactive.action.buttons[0].title', 'required'],
  ])('rejects the button %j', async (button, path, rule) => {
    await sendRejected(message({}, { buttons: [button] }), issue(path, rule));
  });

  it('counts the title in characters (20 emoji accepted, 21 rejected)', async () => {
    await sendAccepted(message({}, { buttons: [{ id: 'a', title: '😀'.repeat(20) }] }));
    await sendRejected(
      message({}, { buttons: [{ id: 'a', title: '😀'.repeat(21) }] }),
      issue('interactive.action.buttons[0].title', 'at most 20 characters (got 21)'),
    );
  });

  it('rejects duplicate ids naming the first index', async () => {
    await sendRejected(
      message({}, { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }, { id: 'yes', title: 'Sure' }] }),
      issue('interactive.action.buttons[2].id', 'button ids must be unique ("yes" is also used at index 0)'),
    );
  });

  it('rejects duplicate titles naming the first index', async () => {
    await sendRejected(
      message({}, { buttons: [{ id: 'a', title: 'Yes' }, { id: 'b', title: 'Yes' }] }),
      issue('interactive.action.buttons[1].title', 'button titles must be unique ("Yes" is also used at index 0)'),
    );
  });

  it.each([' yes', 'yes ', ' yes '])('rejects the id %j with leading or trailing spaces', async (id) => {
    await sendRejected(message({}, { buttons: [{ id, title: 'Yes' }] }), issue('interactive.action.buttons[0].id', 'must not start or end with spaces'));
  });

  it('accepts an id with inner spaces', async () => {
    const sent = await sendAccepted(message({}, { buttons: [{ id: 'yes please', title: 'Yes' }] }));
    expect(sent).toMatchObject({ interactive: { action: { buttons: [{ id: 'yes please' }] } } });
  });

  it('accepts a 1024-character body', async () => {
    const sent = await sendAccepted(message({ body: { text: chars(1024) } }));
    expect(sent).toMatchObject({ interactive: { body: { text: chars(1024) } } });
  });

  it('rejects a 1025-character body', async () => {
    await sendRejected(message({ body: { text: chars(1025) } }), issue('interactive.body.text', 'at most 1024 characters (got 1025)'));
  });

  it('requires the body', async () => {
    await sendRejected(interactive({ type: 'button', action: { buttons: buttons(1) } }), issue('interactive.body', 'required'));
  });

  it('rejects an empty body text', async () => {
    await sendRejected(message({ body: { text: '' } }), issue('interactive.body.text', 'must not be empty'));
  });

  it('accepts a 60-character text header and footer', async () => {
    const sent = await sendAccepted(message({ header: { type: 'text', text: chars(60) }, footer: { text: chars(60) } }));
    expect(sent).toMatchObject({ interactive: { header: { type: 'text', text: chars(60) }, footer: { text: chars(60) } } });
  });

  it('rejects a 61-character text header', async () => {
    await sendRejected(message({ header: { type: 'text', text: chars(61) } }), issue('interactive.header.text', 'at most 60 characters (got 61)'));
  });

  it('rejects a 61-character footer', async () => {
    await sendRejected(message({ footer: { text: chars(61) } }), issue('interactive.footer.text', 'at most 60 characters (got 61)'));
  });

  it.each([
    { type: 'image', image: { link: 'https://example.com/a.png' } },
    { type: 'image', image: { id: '1234567890' } },
    { type: 'video', video: { link: 'https://example.com/a.mp4' } },
    { type: 'video', video: { id: '1234567890' } },
    { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } },
    { type: 'document', document: { id: '1234567890' } },
  ])('accepts the media header %j', async (header) => {
    const sent = await sendAccepted(message({ header }));
    expect(sent).toMatchObject({ interactive: { header } });
  });

  it.each([
    [{ type: 'image', image: {} }, 'interactive.header.image', 'needs either "id" (uploaded media) or "link" (http(s) URL)'],
    [{ type: 'video', video: { id: '1', link: 'https://example.com/a.mp4' } }, 'interactive.header.video', 'give either "id" or "link", not both'],
    [{ type: 'document', document: { link: 'ftp://example.com/a.pdf' } }, 'interactive.header.document.link', 'must be an http(s) URL'],
    [{ type: 'image', image: { id: '1', caption: 'x' } }, 'interactive.header.image.caption', 'unknown field'],
  ])('rejects the media header %j', async (header, path, rule) => {
    await sendRejected(message({ header }), issue(path, rule));
  });

  it('rejects an unsupported header type naming the allowed ones', async () => {
    await sendRejected(
      message({ header: { type: 'audio', audio: { id: '1' } } }),
      issue('interactive.header.type', 'must be one of "text", "image", "video", "document" (got "audio")'),
    );
  });

  it('rejects an unknown interactive type naming the allowed ones', async () => {
    await sendRejected(
      interactive({ type: 'product_list', body: { text: 'x' } }),
      issue('interactive.type', 'must be one of "button", "list", "cta_url", "location_request", "location_request_message" (got "product_list")'),
    );
  });
});

describe('interactive lists', () => {
  const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
  const list = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    interactive({ type: 'list', body: { text: 'Choose' }, action: { button: 'Options', ...action }, ...extra });
  const oneSection = (sectionRows: Record<string, unknown>[] = rows(2), title?: string) => list({ sections: [{ ...(title === undefined ? {} : { title }), rows: sectionRows }] });

  it('accepts a single untitled section and passes it on', async () => {
    const sent = await sendAccepted(oneSection());
    expect(sent).toMatchObject({ interactive: { type: 'list', action: { button: 'Options', sections: [{ rows: rows(2) }] } } });
  });

  it('accepts a 20-character button label', async () => {
    const sent = await sendAccepted(list({ button: chars(20), sections: [{ rows: rows(1) }] }));
    expect(sent).toMatchObject({ interactive: { action: { button: chars(20) } } });
  });

  it('rejects a 21-character button label', async () => {
    await sendRejected(list({ button: chars(21), sections: [{ rows: rows(1) }] }), issue('interactive.action.button', 'at most 20 characters (got 21)'));
  });

  it('rejects an empty button label', async () => {
    await sendRejected(list({ button: '', sections: [{ rows: rows(1) }] }), issue('interactive.action.button', 'must not be empty'));
  });

  it('accepts 10 sections (one row each)', async () => {
    const sections = Array.from({ length: 10 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}_`) }));
    const sent = await sendAccepted(list({ sections }));
    expect(sent.type === 'interactive' && sent.interactive.type === 'list' && sent.interactive.action.sections).toHaveLength(10);
  });

  it('rejects 0 sections', async () => {
    await sendRejected(list({ sections: [] }), issue('interactive.action.sections', 'at least 1 section (got 0)'));
  });

  it('rejects 11 sections', async () => {
    const sections = Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}_`) }));
    await sendRejected(list({ sections }), issue('interactive.action.sections', 'at most 10 sections (got 11)'));
  });

  it.each([
    ['one section', [10]],
    ['two sections', [5, 5]],
    ['three sections', [3, 3, 4]],
  ])('accepts 10 rows in total (%s)', async (_label, counts) => {
    const sections = counts.map((n, s) => ({ title: `Section ${s}`, rows: rows(n, `s${s}_`) }));
    await sendAccepted(list({ sections }));
  });

  it.each([
    ['one section', [11]],
    ['two sections', [6, 5]],
    ['three sections', [4, 4, 3]],
  ])('rejects 11 rows in total (%s)', async (_label, counts) => {
    const sections = counts.map((n, s) => ({ title: `Section ${s}`, rows: rows(n, `s${s}_`) }));
    await sendRejected(list({ sections }), issue('interactive.action.sections', 'at most 10 rows in total across sections (got 11)'));
  });

  it('rejects a section without rows', async () => {
    await sendRejected(oneSection([]), issue('interactive.action.sections[0].rows', 'at least 1 row per section'));
  });

  it('accepts row id 200, title 24 and description 72 characters', async () => {
    const row = { id: chars(200), title: chars(24), description: chars(72) };
    const sent = await sendAccepted(oneSection([row]));
    expect(sent).toMatchObject({ interactive: { action: { sections: [{ rows: [row] }] } } });
  });

  it.each([
    [{ id: chars(201), title: 't' }, 'id', 'at most 200 characters (got 201)'],
    [{ id: 'a', title: chars(25) }, 'title', 'at most 24 characters (got 25)'],
    [{ id: 'a', title: 't', description: chars(73) }, 'description', 'at most 72 characters (got 73)'],
    [{ id: 'a', title: '' }, 'title', 'must not be empty'],
    [{ title: 't' }, 'id', 'required'],
  ])('rejects the row %j', async (row, field, rule) => {
    await sendRejected(oneSection([{ id: 'first', title: 'First' }, row]), issue(`interactive.action.sections[0].rows[1].${field}`, rule));
  });

  it('accepts a 24-character section title', async () => {
    const sent = await sendAccepted(oneSection(rows(1), chars(24)));
    expect(sent).toMatchObject({ interactive: { action: { sections: [{ title: chars(24) }] } } });
  });

  it('rejects a 25-character section title', async () => {
    await sendRejected(oneSection(rows(1), chars(25)), issue('interactive.action.sections[0].title', 'at most 24 characters (got 25)'));
  });

  it('requires every section title when there is more than one section', async () => {
    const issues = await sendRejected(
      list({ sections: [{ title: 'Fruit', rows: rows(1, 'f') }, { rows: rows(1, 'v') }, { rows: rows(1, 'n') }] }),
      issue('interactive.action.sections[1].title', 'required when the list has more than one section'),
      issue('interactive.action.sections[2].title', 'required when the list has more than one section'),
    );
    expect(issues).not.toContainEqual(expect.objectContaining({ path: 'interactive.action.sections[0].title' }));
  });

  it('rejects duplicate row ids across sections naming the first use', async () => {
    await sendRejected(
      list({
        sections: [
          { title: 'A', rows: [{ id: 'x', title: 'X' }, { id: 'y', title: 'Y' }] },
          { title: 'B', rows: [{ id: 'z', title: 'Z' }, { id: 'y', title: 'Y again' }] },
        ],
      }),
      issue('interactive.action.sections[1].rows[1].id', 'row ids must be unique ("y" is also used at sections[0].rows[1])'),
    );
  });

  it('rejects duplicate row ids within one section', async () => {
    await sendRejected(
      oneSection([{ id: 'x', title: 'X' }, { id: 'x', title: 'X2' }]),
      issue('interactive.action.sections[0].rows[1].id', 'row ids must be unique ("x" is also used at sections[0].rows[0])'),
    );
  });

  it('accepts a text header and footer', async () => {
    const sent = await sendAccepted(list({ sections: [{ rows: rows(1) }] }, { header: { type: 'text', text: 'Menu' }, footer: { text: 'Thanks' } }));
    expect(sent).toMatchObject({ interactive: { header: { type: 'text', text: 'Menu' }, footer: { text: 'Thanks' } } });
  });

  it('rejects an image header (list headers must be text)', async () => {
    await sendRejected(
      list({ sections: [{ rows: rows(1) }] }, { header: { type: 'image', image: { link: 'https://example.com/a.png' } } }),
      issue('interactive.header.type', 'must be one of "text" (got "image")'),
    );
  });

  it('rejects reply buttons on a list', async () => {
    await sendRejected(list({ sections: [{ rows: rows(1) }], buttons: [] }), issue('interactive.action.buttons', 'unknown field'));
  });
});

describe('interactive call-to-action URL', () => {
  const cta = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    interactive({ type: 'cta_url', body: { text: 'See our catalogue' }, action: { displayText: 'Open', url: 'https://example.com', ...action }, ...extra });

  it.each([chars(1), chars(20)])('accepts displayText %j', async (displayText) => {
    const sent = await sendAccepted(cta({ displayText }));
    expect(sent).toMatchObject({ interactive: { type: 'cta_url', action: { displayText, url: 'https://example.com' } } });
  });

  it('rejects a 21-character displayText', async () => {
    await sendRejected(cta({ displayText: chars(21) }), issue('interactive.action.displayText', 'at most 20 characters (got 21)'));
  });

  it.each(['http://example.com/a?b=c', 'https://example.com/path#x'])('accepts the url %j', async (url) => {
    const sent = await sendAccepted(cta({ url }));
    expect(sent).toMatchObject({ interactive: { action: { url } } });
  });

  it.each(['ftp://example.com', 'javascript:alert(1)', 'example.com', ''])('rejects the url %j', async (url) => {
    await sendRejected(cta({ url }), issue('interactive.action.url', 'must be an http(s) URL'));
  });

  it('requires the body', async () => {
    await sendRejected(
      interactive({ type: 'cta_url', action: { displayText: 'Open', url: 'https://example.com' } }),
      issue('interactive.body', 'required'),
    );
  });

  it('accepts header and footer', async () => {
    const header = { type: 'image', image: { link: 'https://example.com/a.png' } };
    const sent = await sendAccepted(cta({}, { header, footer: { text: 'Footer' } }));
    expect(sent).toMatchObject({ interactive: { header, footer: { text: 'Footer' } } });
  });
});

describe('interactive location request', () => {
  it.each(['location_request', 'location_request_message'])('accepts type %j with a body', async (type) => {
    const sent = await sendAccepted(interactive({ type, body: { text: 'Where should we deliver?' } }));
    expect(sent).toMatchObject({ interactive: { type, body: { text: 'Where should we deliver?' } } });
  });

  it.each(['location_request', 'location_request_message'])('requires a body for %j', async (type) => {
    await sendRejected(interactive({ type }), issue('interactive.body', 'required'));
  });

  it('rejects a 1025-character body', async () => {
    await sendRejected(
      interactive({ type: 'location_request_message', body: { text: chars(1025) } }),
      issue('interactive.body.text', 'at most 1024 characters (got 1025)'),
    );
  });
});
