import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';

/**
 * The sandbox must refuse whatever the client library (core) refuses on the same rule: required
 * texts that are only whitespace, and reply-button ids with leading or trailing spaces.
 */
const base = { messaging_product: 'whatsapp', to: '15551234567' };
const reply = (id: string, title = 'Yes'): Record<string, unknown> => ({ type: 'reply', reply: { id, title } });
const buttonMessage = (interactive: Record<string, unknown>): Record<string, unknown> => ({
  ...base,
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [reply('yes')] }, ...interactive },
});
const listMessage = (action: Record<string, unknown>): Record<string, unknown> => ({
  ...base,
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Choose' }, action: { button: 'Open', sections: [{ rows: [{ id: 'r1', title: 'Row' }] }], ...action } },
});
const ctaUrl = (displayText: string): Record<string, unknown> => ({
  ...base,
  type: 'interactive',
  interactive: { type: 'cta_url', body: { text: 'Go' }, action: { name: 'cta_url', parameters: { display_text: displayText, url: 'https://e.x' } } },
});

const BLANK = /: must not be empty \(it is only whitespace\)$/;

const blank: [label: string, message: Record<string, unknown>, path: string][] = [
  ['text.body', { ...base, type: 'text', text: { body: ' \n\t ' } }, 'text.body'],
  ['interactive body', buttonMessage({ body: { text: '   ' } }), 'interactive.body.text'],
  ['interactive header text', buttonMessage({ header: { type: 'text', text: ' ' } }), 'interactive.header.text'],
  ['interactive footer', buttonMessage({ footer: { text: '\n' } }), 'interactive.footer.text'],
  ['reply button title', buttonMessage({ action: { buttons: [reply('yes', '  ')] } }), 'interactive.action.buttons[0].reply.title'],
  ['reply button id', buttonMessage({ action: { buttons: [reply('   ')] } }), 'interactive.action.buttons[0].reply.id'],
  ['list button', listMessage({ button: ' ' }), 'interactive.action.button'],
  ['list section title', listMessage({ sections: [{ title: ' ', rows: [{ id: 'r1', title: 'Row' }] }] }), 'interactive.action.sections[0].title'],
  ['list row title', listMessage({ sections: [{ rows: [{ id: 'r1', title: '\t' }] }] }), 'interactive.action.sections[0].rows[0].title'],
  ['list row id', listMessage({ sections: [{ rows: [{ id: ' ', title: 'Row' }] }] }), 'interactive.action.sections[0].rows[0].id'],
  ['cta_url display_text', ctaUrl('  '), 'interactive.action.parameters.display_text'],
];

describe('required texts must not be blank, as in the client library', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false, mps: 0, pairRate: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it.each(blank)('rejects a whitespace-only %s with 131009', async (_label, message, path) => {
    const error = expectGraphError(await client.send(message), 131009, BLANK);
    expect(error.error_data?.details.startsWith(`${path}: `)).toBe(true);
  });

  it.each([' yes', 'yes ', '\tyes'])('rejects the reply button id %j (leading or trailing spaces) with 131009', async (id) => {
    const reply = await client.send(buttonMessage({ action: { buttons: [{ type: 'reply', reply: { id, title: 'Yes' } }] } }));
    expectGraphError(reply, 131009, /^interactive\.action\.buttons\[0\]\.reply\.id: must not start or end with spaces/);
  });

  it('accepts texts that have spaces around real content, and ids with inner spaces', async () => {
    expect((await client.send({ ...base, type: 'text', text: { body: '  Hello  ' } })).status).toBe(200);
    const padded = buttonMessage({
      header: { type: 'text', text: ' Hi ' },
      body: { text: ' Pick one ' },
      footer: { text: ' thanks ' },
      action: { buttons: [{ type: 'reply', reply: { id: 'yes please', title: ' Yes ' } }] },
    });
    expect((await client.send(padded)).status).toBe(200);
    expect((await client.send(listMessage({ button: ' Open ', sections: [{ title: ' A ', rows: [{ id: ' r1 ', title: ' Row ' }] }] }))).status).toBe(200);
    expect((await client.send(ctaUrl(' Go '))).status).toBe(200);
  });
});
