import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { everything } from '../helpers/harness';
import { SECRETS, startProviderHarness, WEBHOOK_TOKEN } from '../helpers/provider-harness';
import type { ProviderHarness } from '../helpers/provider-harness';
import { ITNIO_TOOLS } from '../helpers/tool-sets';

const CUSTOMER = '16505551234';
const NO_LIMITS = ['--rate-limit-recipient', '0', '--rate-limit-global', '0'];

function assertNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('MCP server with WHATSAPP_PROVIDER=itnio (ITNIO flavor of the sandbox)', () => {
  let h: ProviderHarness;
  beforeAll(async () => {
    h = await startProviderHarness('itnio', { argv: NO_LIMITS });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists exactly the ITNIO tools: sends (no reactions, no mark-read) and template creation', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...ITNIO_TOOLS]);
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('whatsapp_send_media')?.description).toMatch(/ITNIO API takes media by public https "link" only/);
    expect(byName.get('whatsapp_send_interactive')?.description).toMatch(/only reply buttons, list menus, location requests can be sent \(not call-to-action URL buttons\)/);
    expect(byName.get('whatsapp_send_template')?.description).toMatch(/cannot list templates/);
    expect(byName.get('whatsapp_create_template')?.description).toMatch(/through the ITNIO API/);
    expect(h.client.getInstructions()).toMatch(/ITNIO API: sending messages and creating templates only/);
  });

  it('send_template reaches the sandbox through /wa/template/sendMsg, signed', async () => {
    const sent = await h.ok<{ messageId: string; status: string }>('whatsapp_send_template', {
      to: '+1 650 555 1234',
      template: { name: 'hello_world', language: 'en_US' },
    });
    expect(sent).toMatchObject({ status: 'accepted', to: CUSTOMER, messageId: expect.any(String) });
    expect(await h.sentMessages()).toContainEqual(expect.objectContaining({ to: CUSTOMER, type: 'template' }));
  });

  it('a Meta-shaped callback with the token reaches the inbox (pass-through), and a text goes out inside the window', async () => {
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Ana', text: 'Hi via ITNIO' });
    const conversation = await h.ok<{ messages: { direction: string; text: string | null; messageId: string }[] }>('whatsapp_get_conversation', { user: CUSTOMER });
    expect(conversation.messages).toContainEqual(expect.objectContaining({ direction: 'inbound', messageId: inbound.messageId, text: 'Hi via ITNIO' }));
    const reply = await h.ok<{ window: { state: string } }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'Hello Ana' } });
    expect(reply.window.state).toBe('open');
    expect(await h.sentMessages()).toContainEqual(expect.objectContaining({ to: CUSTOMER, type: 'text' }));
  });

  it('refuses what ITNIO cannot carry before calling it, naming the alternative', async () => {
    const before = (await h.sentMessages()).length;
    const cta = await h.fails('whatsapp_send_interactive', {
      to: CUSTOMER,
      interactive: { type: 'cta_url', body: { text: 'Track it' }, action: { displayText: 'Open', url: 'https://example.com/t' } },
    });
    expect(cta.kind).toBe('unsupported');
    expect(cta.text).toMatch(/ITNIO API/);
    expect(cta.text).toMatch(/put the link in a text message/i);
    const byId = await h.fails('whatsapp_send_media', { to: CUSTOMER, type: 'image', image: { id: '1234567890' } });
    expect(byId).toMatchObject({ kind: 'validation', issues: [expect.objectContaining({ path: 'image.id', rule: expect.stringMatching(/link/) })] });
    expect((await h.sentMessages()).length).toBe(before);
    await expect(h.client.callTool({ name: 'whatsapp_react', arguments: { to: CUSTOMER, reaction: { messageId: 'x', emoji: '👍' } } })).rejects.toThrow(McpError);
    await expect(h.client.callTool({ name: 'whatsapp_react', arguments: {} })).rejects.toThrow(/not offered with the ITNIO API: ITNIO does not document reaction messages/);
    await expect(h.client.callTool({ name: 'whatsapp_upload_media', arguments: {} })).rejects.toThrow(/public link only/);
  });

  it('creates a template through /wa/template/add', async () => {
    const created = await h.call('whatsapp_create_template', {
      name: 'order_ready',
      category: 'UTILITY',
      language: 'en_US',
      components: [{ type: 'BODY', text: 'Order {{1}} is ready', example: { body_text: [['A-17']] } }],
    });
    expect(created.isError ?? false).toBe(false);
  });

  it('keeps a callback that is not Meta-shaped as unrecognized (file + log), only with the token', async () => {
    const body = JSON.stringify({ event: 'delivery_report', msgId: 'itn-1', status: 'DELIVERED' });
    const post = (suffix: string, headers: Record<string, string> = {}) =>
      fetch(`${h.webhookUrl}${suffix}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post('')).status).toBe(401);
    expect((await post('?token=not-the-token-at-all-xx')).status).toBe(401);
    const accepted = await post(`?token=${WEBHOOK_TOKEN}`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ stored: 0, duplicates: 0, ignored: 0, unrecognized: 1 });
    const kept = (await readFile(join(h.dataDir, 'unrecognized-webhooks.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(kept).toEqual([expect.objectContaining({ provider: 'itnio', reason: expect.stringMatching(/not in Meta's webhook shape/), body: JSON.parse(body) })]);
    expect(h.logs.join('\n')).toMatch(/kept an unrecognized itnio payload .* in .*unrecognized-webhooks\.jsonl/);
    expect(h.logs.join('\n')).toMatch(/webhook \(itnio\): refused a POST with a missing token/);
  });

  it('leaves the fields ITNIO refuses (phoneNumberId, wabaId, bizOpaqueCallbackData) out of the listed schemas; sent anyway, core names them', async () => {
    const { tools } = await h.client.listTools();
    for (const tool of tools) {
      const properties = Object.keys((tool.inputSchema as { properties?: Record<string, unknown> }).properties ?? {});
      for (const field of ['phoneNumberId', 'wabaId', 'bizOpaqueCallbackData']) expect({ tool: tool.name, has: properties.includes(field) }).toEqual({ tool: tool.name, has: false });
    }
    const refused = await h.fails('whatsapp_send_template', { to: CUSTOMER, phoneNumberId: '106540352242922', template: { name: 'hello_world', language: 'en_US' } });
    expect(refused).toMatchObject({ kind: 'validation', issues: [expect.objectContaining({ path: 'phoneNumberId' })] });
  });

  it('never returns a configured secret', () => {
    assertNoSecret(everything(h.results));
    assertNoSecret(h.audit.join('\n'));
    assertNoSecret(h.logs.join('\n'));
    assertNoSecret(JSON.stringify(h.runtime.provider));
  });
});

describe('ITNIO failures', () => {
  it('a wrong ITNIO_API_SECRET is an isError with a hint, and neither the key nor the secret is shown', async () => {
    const wrongSecret = 'CANARY-wrong-itnio-secret-2f';
    const h = await startProviderHarness('itnio', { env: { ITNIO_API_SECRET: wrongSecret } });
    try {
      const error = await h.fails('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
      expect(error.kind).toBe('api');
      expect(error.hint).toMatch(/ITNIO_API_KEY|ITNIO_API_SECRET|API key|secret/i);
      const text = everything(h.results);
      expect(text).not.toContain(wrongSecret);
      assertNoSecret(text);
      expect(await h.sentMessages()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('--dry-run shows the ITNIO request without headers and sends nothing', async () => {
    const h = await startProviderHarness('itnio', { argv: ['--dry-run'] });
    try {
      const result = await h.ok<{ request: { method: string; url: string; body: Record<string, unknown> } }>('whatsapp_send_template', {
        to: CUSTOMER,
        template: { name: 'hello_world', language: 'en_US' },
      });
      expect(result.request).toMatchObject({ method: 'POST', url: `${h.sandbox.url}/wa/template/sendMsg`, body: { recipient: CUSTOMER, businessPhone: '15550000001' } });
      expect(await h.sentMessages()).toEqual([]);
      assertNoSecret(everything(h.results));
    } finally {
      await h.close();
    }
  });
});
