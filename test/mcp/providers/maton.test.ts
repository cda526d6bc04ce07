import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { everything } from '../helpers/harness';
import { SECRETS, startProviderHarness } from '../helpers/provider-harness';
import type { ProviderHarness } from '../helpers/provider-harness';
import { MATON_TOOLS } from '../helpers/tool-sets';

const CUSTOMER = '16505551234';
const NO_LIMITS = ['--rate-limit-recipient', '0', '--rate-limit-global', '0'];

function assertNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

interface Connection {
  connectionId: string;
  status: string;
  app: string | null;
  url: string | null;
}

describe('MCP server with WHATSAPP_PROVIDER=maton (Maton flavor of the sandbox)', () => {
  let h: ProviderHarness;
  beforeAll(async () => {
    h = await startProviderHarness('maton', { argv: NO_LIMITS });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists exactly the Maton tools: everything but media downloads, plus the connection tools, with catalogue annotations', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...MATON_TOOLS]);
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('whatsapp_list_connections')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('whatsapp_get_connection')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('whatsapp_create_connection')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(byName.get('whatsapp_delete_connection')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    for (const name of ['whatsapp_list_connections', 'whatsapp_create_connection', 'whatsapp_get_connection', 'whatsapp_delete_connection']) {
      expect(byName.get(name)?.description).toMatch(/^Maton gateway only\./);
    }
    expect(byName.get('whatsapp_get_media')?.description).toMatch(/Maton gateway cannot download/);
    expect(h.client.getInstructions()).toMatch(/connected to the Maton gateway: messages reach real people/);
    assertNoSecret(JSON.stringify(tools));
  });

  it('sends a template through the gateway; the sandbox received it and the audit has it', async () => {
    const sent = await h.ok<{ messageId: string; status: string }>('whatsapp_send_template', { to: '+1 650 555 1234', template: { name: 'hello_world', language: 'en_US' } });
    expect(sent).toMatchObject({ status: 'accepted', to: CUSTOMER, messageId: expect.stringMatching(/^wamid\./) });
    expect(await h.sentMessages()).toContainEqual(expect.objectContaining({ id: sent.messageId, to: CUSTOMER, type: 'template' }));
    expect(h.audit.map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ tool: 'whatsapp_send_template', outcome: 'accepted', messageId: sent.messageId }));
  });

  it('receives the customer through Meta-signed webhooks (as Maton forwards them) and answers inside the window', async () => {
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Ana', text: 'Hi via Maton' });
    const reply = await h.ok<{ messageId: string; window: { state: string } }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'Hello Ana' }, replyTo: inbound.messageId });
    expect(reply.window.state).toBe('open');
    const conversation = await h.ok<{ messages: { direction: string; text: string | null }[] }>('whatsapp_get_conversation', { user: CUSTOMER });
    expect(conversation.messages).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'inbound', text: 'Hi via Maton' })]));
  });

  it('lists, creates, gets and deletes connections', async () => {
    const before = await h.ok<{ connections: Connection[]; count: number }>('whatsapp_list_connections', { status: 'ACTIVE' });
    expect(before.count).toBeGreaterThanOrEqual(1);
    expect(before.connections.every((c) => c.status === 'ACTIVE')).toBe(true);
    const created = await h.ok<Connection>('whatsapp_create_connection', {});
    expect(created).toMatchObject({ app: 'whatsapp-business', url: expect.stringMatching(/^https?:\/\//) });
    expect(created.status).not.toBe('ACTIVE');
    expect(await h.ok<Connection>('whatsapp_get_connection', { connectionId: created.connectionId })).toMatchObject({ connectionId: created.connectionId });
    expect(await h.ok('whatsapp_delete_connection', { connectionId: created.connectionId })).toEqual({ deleted: true });
    const missing = await h.fails('whatsapp_get_connection', { connectionId: created.connectionId });
    expect(missing).toMatchObject({ kind: 'api' });
    expect(missing.hint).toEqual(expect.any(String));
    // Creating and deleting are side effects: audited; listing is not.
    const audited = h.audit.map((line) => JSON.parse(line) as { tool: string; outcome: string });
    expect(audited).toContainEqual(expect.objectContaining({ tool: 'whatsapp_create_connection', outcome: 'done' }));
    expect(audited).toContainEqual(expect.objectContaining({ tool: 'whatsapp_delete_connection', outcome: 'done' }));
    expect(audited.some((entry) => entry.tool === 'whatsapp_list_connections')).toBe(false);
  });

  it('answers a call to a tool Maton cannot run with why and what to use instead', async () => {
    await expect(h.client.callTool({ name: 'whatsapp_download_media', arguments: { mediaId: '123' } })).rejects.toThrow(McpError);
    await expect(h.client.callTool({ name: 'whatsapp_download_media', arguments: { mediaId: '123' } })).rejects.toThrow(
      /not offered with the Maton gateway: .*Meta Cloud API credential/,
    );
    await expect(h.client.callTool({ name: 'whatsapp_get_health', arguments: {} })).rejects.toThrow(/not offered with the Maton gateway/);
  });

  it('never returns a configured secret', () => {
    assertNoSecret(everything(h.results));
    assertNoSecret(h.audit.join('\n'));
    assertNoSecret(h.logs.join('\n'));
    assertNoSecret(h.client.getInstructions() ?? '');
    assertNoSecret(JSON.stringify(h.runtime.provider));
  });
});

describe('Maton policy and failures', () => {
  it('a wrong MATON_API_KEY is an isError with a hint about the key, and the key is never shown', async () => {
    const wrongKey = 'CANARY-wrong-maton-key-91c0';
    const h = await startProviderHarness('maton', { env: { MATON_API_KEY: wrongKey } });
    try {
      const error = await h.fails('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
      expect(error).toMatchObject({ kind: 'api', retryable: false });
      expect(error.hint).toMatch(/MATON_API_KEY|maton\.ai\/settings/);
      const listed = await h.fails('whatsapp_list_connections', {});
      expect(listed.kind).toBe('api');
      const text = everything(h.results);
      expect(text).not.toContain(wrongKey);
      assertNoSecret(text);
      expect(await h.sentMessages()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('--dry-run returns the connection request without calling Maton; --read-only hides create and delete', async () => {
    const dry = await startProviderHarness('maton', { argv: ['--dry-run'] });
    try {
      const before = await dry.ok<{ count: number }>('whatsapp_list_connections', {});
      const result = await dry.ok<{ dryRun: boolean; request: { method: string; url: string; body: Record<string, unknown> } }>('whatsapp_create_connection', {});
      expect(result).toMatchObject({ dryRun: true, request: { method: 'POST', url: `${dry.sandbox.url}/connections`, body: { app: 'whatsapp-business' } } });
      expect((await dry.ok<{ count: number }>('whatsapp_list_connections', {})).count).toBe(before.count);
      const sent = await dry.ok<{ request: { url: string } }>('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
      expect(sent.request.url).toBe(`${dry.sandbox.url}/whatsapp-business/v23.0/${dry.sandbox.phoneNumberId}/messages`);
      expect(await dry.sentMessages()).toEqual([]);
      expect(dry.audit.map((line) => JSON.parse(line))).toContainEqual(expect.objectContaining({ tool: 'whatsapp_create_connection', outcome: 'dry_run' }));
      assertNoSecret(everything(dry.results));
    } finally {
      await dry.close();
    }
    const readOnly = await startProviderHarness('maton', { argv: ['--read-only'] });
    try {
      const names = (await readOnly.client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['whatsapp_list_connections', 'whatsapp_get_connection']));
      expect(names).not.toContain('whatsapp_create_connection');
      expect(names).not.toContain('whatsapp_delete_connection');
      await expect(readOnly.client.callTool({ name: 'whatsapp_create_connection', arguments: {} })).rejects.toThrow(/Unknown tool/);
    } finally {
      await readOnly.close();
    }
  });

  it('--tools connections offers the connection tools alone; the global rate limit counts connection changes', async () => {
    const h = await startProviderHarness('maton', { argv: ['--tools', 'connections', '--rate-limit-global', '1'] });
    try {
      expect((await h.client.listTools()).tools.map((t) => t.name)).toEqual([
        'whatsapp_list_connections',
        'whatsapp_create_connection',
        'whatsapp_get_connection',
        'whatsapp_delete_connection',
      ]);
      await h.ok('whatsapp_create_connection', {});
      const limited = await h.fails('whatsapp_create_connection', {});
      expect(limited).toMatchObject({ kind: 'policy', code: 'rate_limited' });
    } finally {
      await h.close();
    }
  });
});
