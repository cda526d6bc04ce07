import { listOperations, operations } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { PNG_BYTES } from '../fixtures/media-bytes';
import { allTools, offeredTools, TOOL_NAMES } from '../../mcp/src/tools/index';
import { startCloudHarness, startHarness } from './helpers/harness';
import { SANDBOX_TOOLS } from './helpers/tool-sets';
import type { Harness } from './helpers/harness';

const CUSTOMER = '16505551234';
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ argv: ['--rate-limit-recipient', '0', '--rate-limit-global', '0'] });
});
afterEach(async () => {
  await h.close();
});

describe('tools/list', () => {
  it('offers every Cloud API tool once, in a stable order, each with title, description, schemas and annotations', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...SANDBOX_TOOLS]);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^whatsapp_[a-z_]+$/);
      expect(tool.title).toEqual(expect.any(String));
      expect(tool.description?.length).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.title).toBe(tool.title);
    }
  });

  it('derives annotations from the catalogue: reads read-only, sends destructive and not idempotent, deletes destructive and idempotent', async () => {
    const { tools } = await h.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t.annotations]));
    for (const name of ['whatsapp_list_templates', 'whatsapp_get_template', 'whatsapp_get_media', 'whatsapp_download_media', 'whatsapp_list_phone_numbers', 'whatsapp_get_phone_number', 'whatsapp_get_business_profile']) {
      expect(byName.get(name)).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
    }
    for (const name of ['whatsapp_send_text', 'whatsapp_send_media', 'whatsapp_send_template', 'whatsapp_send_interactive', 'whatsapp_send_location', 'whatsapp_send_contacts', 'whatsapp_react']) {
      expect(byName.get(name)).toEqual(expect.objectContaining({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true }));
    }
    for (const name of ['whatsapp_delete_template', 'whatsapp_delete_media']) {
      expect(byName.get(name)).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    }
    for (const name of ['whatsapp_list_conversations', 'whatsapp_get_conversation', 'whatsapp_wait_for_reply']) {
      expect(byName.get(name)).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    }
  });

  it('derives the send tools from the members of message.send: one member implies the type, several let "type" choose', async () => {
    const { tools } = await h.client.listTools();
    const schema = (name: string) => tools.find((t) => t.name === name)?.inputSchema as { properties: Record<string, { enum?: string[] }>; required?: string[] };
    expect(Object.keys(schema('whatsapp_send_text').properties)).toEqual(['to', 'phoneNumberId', 'replyTo', 'bizOpaqueCallbackData', 'text']);
    expect(schema('whatsapp_send_text').required).toEqual(['to', 'text']);
    expect(schema('whatsapp_send_media').properties.type.enum).toEqual(['image', 'video', 'audio', 'document', 'sticker']);
    expect(Object.keys(schema('whatsapp_send_media').properties)).toEqual(expect.arrayContaining(['image', 'video', 'audio', 'document', 'sticker']));
    expect(schema('whatsapp_send_media').required).toEqual(['to', 'type']);
  });

  it('binds every catalogue operation, and every message type of message.send, to a tool', () => {
    const tools = allTools(h.config);
    expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const operation of listOperations()) expect(tools.some((tool) => tool.operation?.name === operation.name)).toBe(true);
    const sendSchemas = tools.filter((tool) => tool.operation?.name === 'message.send').map((tool) => JSON.stringify(tool.inputSchema));
    for (const member of operations['message.send'].input.options) {
      const type = member.shape.type.value;
      expect(sendSchemas.some((schema) => schema.includes(`"${type}":{`))).toBe(true);
    }
  });

  it('offers only the tools whose operation the provider supports', () => {
    const sendOnly: Provider = { name: 'cloud', label: 'send-only provider', close: async () => undefined, sendMessage: async () => ({ status: 'accepted', messageId: 'x', phoneNumberId: null, to: '1', waId: null }) };
    const offered = offeredTools(allTools(h.config), sendOnly, h.config.policy).map((t) => t.name);
    expect(offered).toEqual(['whatsapp_send_text', 'whatsapp_send_media', 'whatsapp_send_template', 'whatsapp_send_interactive', 'whatsapp_send_location', 'whatsapp_send_contacts', 'whatsapp_react', 'whatsapp_list_conversations', 'whatsapp_get_conversation', 'whatsapp_wait_for_reply', 'whatsapp_simulate_customer_message']);
  });

  it('tells the model that inbound content is untrusted and that the sandbox keeps everything local', () => {
    const instructions = h.client.getInstructions() ?? '';
    expect(instructions).toMatch(/untrusted/);
    expect(instructions).toMatch(/EMBEDDED SANDBOX/);
    expect(instructions).toMatch(/Nothing leaves this machine/);
    expect(instructions).toMatch(/24 hours/);
  });
});

describe('messaging tools', () => {
  it('send_template reaches a customer who never wrote; the result says accepted, never delivered', async () => {
    const result = await h.ok('whatsapp_send_template', { to: '+1 (650) 555-1234', template: { name: 'hello_world', language: 'en_US' } });
    expect(result).toMatchObject({ status: 'accepted', to: CUSTOMER, messageId: expect.stringMatching(/^wamid\./), window: { state: 'closed', expiresAt: null } });
    expect(JSON.stringify(result)).not.toMatch(/"delivered"/);
    expect(h.audit.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ tool: 'whatsapp_send_template', operation: 'message.send', outcome: 'accepted', to: CUSTOMER, messageId: result.messageId }),
    ]);
  });

  it('every free-form send tool works inside the window opened by the customer', async () => {
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Ana', text: 'Hello!' });
    const sends: [string, Record<string, unknown>][] = [
      ['whatsapp_send_text', { text: { body: 'Hi Ana', previewUrl: false }, replyTo: inbound.messageId }],
      ['whatsapp_send_media', { type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'the part' } }],
      ['whatsapp_send_media', { type: 'document', document: { link: 'https://example.com/invoice.pdf', filename: 'invoice.pdf' } }],
      ['whatsapp_send_interactive', { interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons: [{ id: 'y', title: 'Yes' }, { id: 'n', title: 'No' }] } } }],
      ['whatsapp_send_interactive', { interactive: { type: 'cta_url', body: { text: 'Track it' }, action: { displayText: 'Open', url: 'https://example.com/t' } } }],
      ['whatsapp_send_location', { location: { latitude: 52.52, longitude: 13.405, name: 'Depot' } }],
      ['whatsapp_send_contacts', { contacts: [{ name: { formattedName: 'Support Desk', firstName: 'Support' }, phones: [{ phone: '+1 650 555 0000' }] }] }],
      ['whatsapp_react', { reaction: { messageId: inbound.messageId, emoji: '👍' } }],
    ];
    for (const [tool, args] of sends) {
      const result = await h.ok(tool, { to: CUSTOMER, ...args });
      expect(result).toMatchObject({ status: 'accepted', to: CUSTOMER, window: { state: 'open' } });
    }
    expect(await h.ok('whatsapp_mark_read', { messageId: inbound.messageId, typingIndicator: true })).toEqual({ success: true });
    expect(h.audit).toHaveLength(sends.length + 1);
  });

  it('accepts nested arguments sent as JSON strings (double-encoding clients)', async () => {
    await h.customerWrites({ from: CUSTOMER, text: 'hi' });
    const result = await h.ok('whatsapp_send_interactive', {
      to: CUSTOMER,
      interactive: JSON.stringify({ type: 'list', body: { text: 'Menu' }, action: { button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A' }] }] } }),
    });
    expect(result.status).toBe('accepted');
    const contacts = await h.ok('whatsapp_send_contacts', { to: CUSTOMER, contacts: JSON.stringify([{ name: { formattedName: 'A B', firstName: 'A' } }]) });
    expect(contacts.status).toBe('accepted');
  });
});

describe('template tools', () => {
  it('list, get, create and delete', async () => {
    const list = await h.ok<{ templates: { name: string }[]; count: number; hasMore: boolean }>('whatsapp_list_templates', { status: 'APPROVED' });
    expect(list.templates.map((t) => t.name)).toContain('hello_world');
    const got = await h.ok('whatsapp_get_template', { name: 'hello_world' });
    expect(got).toMatchObject({ name: 'hello_world', language: 'en_US', status: 'APPROVED' });
    const created = await h.ok('whatsapp_create_template', {
      name: 'order_ready',
      category: 'UTILITY',
      language: 'en_US',
      components: JSON.stringify([{ type: 'BODY', text: 'Order {{1}} is ready', example: { body_text: [['A-17']] } }]),
    });
    expect(created).toMatchObject({ id: expect.any(String), status: 'PENDING', category: 'UTILITY' });
    expect(await h.ok('whatsapp_delete_template', { name: 'order_ready' })).toEqual({ deleted: true });
  });
});

describe('media tools', () => {
  it('upload (base64), get, download (inline image) and delete', async () => {
    const { mediaId } = await h.ok<{ mediaId: string }>('whatsapp_upload_media', { data: PNG_BYTES.toString('base64'), mimeType: 'image/png', filename: 'dot.png' });
    const info = await h.ok('whatsapp_get_media', { mediaId });
    expect(info).toMatchObject({ mediaId, mimeType: 'image/png', fileSize: PNG_BYTES.length });
    const download = await h.call('whatsapp_download_media', { mediaId });
    expect(download.isError).toBeFalsy();
    expect(download.structuredContent).toMatchObject({ mediaId, mimeType: 'image/png', sha256Verified: true, delivery: 'inline', savedTo: null });
    expect(download.content[1]).toEqual({ type: 'image', mimeType: 'image/png', data: PNG_BYTES.toString('base64') });
    expect(await h.ok('whatsapp_delete_media', { mediaId })).toEqual({ deleted: true });
  });

  it('downloads what a customer sent; a document comes back as an embedded resource', async () => {
    const sent = await h.customerWrites({ from: CUSTOMER, type: 'document', document: { data: Buffer.from('%PDF-1.4 x').toString('base64'), mimeType: 'application/pdf', filename: 'x.pdf' } });
    const download = await h.call('whatsapp_download_media', { mediaId: sent.mediaId });
    expect(download.content[1]).toMatchObject({ type: 'resource', resource: { mimeType: 'application/pdf', blob: Buffer.from('%PDF-1.4 x').toString('base64') } });
  });
});

describe('account tools', () => {
  it('phone numbers and business profile', async () => {
    const numbers = await h.ok<{ phoneNumbers: { id: string }[]; count: number }>('whatsapp_list_phone_numbers');
    expect(numbers.count).toBe(1);
    expect(await h.ok('whatsapp_get_phone_number', { phoneNumberId: numbers.phoneNumbers[0].id })).toMatchObject({ id: numbers.phoneNumbers[0].id });
    expect(await h.ok('whatsapp_update_business_profile', { about: 'We fix bikes', websites: ['https://example.com'] })).toEqual({ updated: true, fields: expect.arrayContaining(['about', 'websites']) });
    expect(await h.ok('whatsapp_get_business_profile')).toMatchObject({ about: 'We fix bikes', websites: ['https://example.com'] });
  });
});

describe('inbox tools', () => {
  it('conversations list latest first with unread counts and the window; a conversation shows both directions with statuses', async () => {
    await h.customerWrites({ from: '447700900123', name: 'Bo', text: 'first' });
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Ana', text: 'Where is my order?' });
    const list = await h.ok<{ conversations: { user: string; unread: number; window: { state: string; expiresAt: string } }[] }>('whatsapp_list_conversations');
    expect(list.conversations.map((c) => c.user)).toEqual([CUSTOMER, '447700900123']);
    expect(list.conversations[0]).toMatchObject({ name: 'Ana', unread: 1, lastDirection: 'inbound', lastText: 'Where is my order?', window: { state: 'open' } });
    expect(Date.parse(list.conversations[0].window.expiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    const sent = await h.ok<{ messageId: string }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'On its way' }, replyTo: inbound.messageId });
    await h.runtime.sandbox?.webhooksIdle();
    const conversation = await h.ok<{ messages: Record<string, unknown>[]; unread: number; notice: string }>('whatsapp_get_conversation', { user: '+1 650-555-1234' });
    expect(conversation.unread).toBe(0);
    expect(conversation.notice).toMatch(/untrusted/);
    expect(conversation.messages).toEqual([
      expect.objectContaining({ direction: 'inbound', messageId: inbound.messageId, text: 'Where is my order?', type: 'text' }),
      expect.objectContaining({ direction: 'outbound', messageId: sent.messageId, text: 'On its way', status: 'read', replyTo: inbound.messageId }),
    ]);
    expect((await h.ok<{ conversations: unknown[] }>('whatsapp_list_conversations', { unreadOnly: true })).conversations).toHaveLength(1);
  });

  it('a free-form send to a customer who never wrote is refused before calling the API, with the 131047 hint', async () => {
    // The embedded sandbox's inbox saw every message, so "never wrote" means the window is closed.
    const refused = await h.fails('whatsapp_send_text', { to: CUSTOMER, text: { body: 'hello?' } });
    expect(refused).toMatchObject({ kind: 'policy', code: 131047, hint: expect.stringMatching(/template/) });
    expect(h.audit.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ outcome: 'denied', code: 'window_closed', to: CUSTOMER })]);
    const sandbox = h.runtime.sandbox;
    const log = (await (await fetch(`${sandbox?.url}/_sandbox/messages`)).json()) as { data: unknown[] };
    expect(log.data).toEqual([]);
  });

  it('wait_for_reply returns a reply that arrives while waiting', async () => {
    await h.ok('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
    const waiting = h.call('whatsapp_wait_for_reply', { from: CUSTOMER, timeoutSeconds: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.customerWrites({ from: CUSTOMER, text: 'Yes please' });
    const result = await waiting;
    expect(result.structuredContent).toMatchObject({ received: true, messages: [expect.objectContaining({ from: CUSTOMER, text: 'Yes please', direction: 'inbound' })] });
  });

  it('wait_for_reply returns at once when the reply came before the call, and reports nothing after a timeout', async () => {
    await h.ok('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
    await h.customerWrites({ from: CUSTOMER, text: 'already answered' });
    expect(await h.ok('whatsapp_wait_for_reply', { from: CUSTOMER, timeoutSeconds: 300 })).toMatchObject({ received: true, messages: [expect.objectContaining({ text: 'already answered' })] });
    expect(await h.ok('whatsapp_wait_for_reply', { from: '447700900123', timeoutSeconds: 1 })).toMatchObject({ received: false, messages: [] });
  });
});

describe('two-way with a Cloud API provider (the sandbox standing in for Meta)', () => {
  it('a free-form send Meta accepts and then fails with 131047 shows as failed in the conversation, with the template hint', async () => {
    const cloud = await startCloudHarness();
    try {
      // Not an embedded sandbox: the inbox cannot know the window, so the send goes to the API...
      const sent = await cloud.ok<{ messageId: string; window: { state: string } }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'Are you there?' } });
      expect(sent.window.state).toBe('unknown');
      await cloud.sandbox.webhooksIdle();
      // ...which accepted it and then reported the failure by webhook, as Meta does.
      const conversation = await cloud.ok<{ messages: Record<string, unknown>[]; window: { state: string } }>('whatsapp_get_conversation', { user: CUSTOMER });
      expect(conversation.messages).toEqual([
        expect.objectContaining({
          direction: 'outbound',
          messageId: sent.messageId,
          status: 'failed',
          error: expect.objectContaining({ code: 131047, hint: expect.stringMatching(/template/) }),
        }),
      ]);
      // Once the customer writes, the window is known to be open.
      await cloud.customerWrites({ from: CUSTOMER, text: 'yes' });
      expect((await cloud.ok<{ window: { state: string } }>('whatsapp_get_conversation', { user: CUSTOMER })).window.state).toBe('open');
    } finally {
      await cloud.close();
    }
  });
});

describe('progress while waiting', () => {
  it('wait_for_reply sends progress notifications until the reply arrives', async () => {
    const waiter = await startHarness({ progressIntervalMs: 20 });
    try {
      const progress: { progress: number; total?: number }[] = [];
      const waiting = waiter.call('whatsapp_wait_for_reply', { timeoutSeconds: 60 }, { onprogress: (p) => progress.push(p) });
      while (progress.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      await waiter.customerWrites({ from: CUSTOMER, text: 'here' });
      const result = await waiting;
      expect(result.structuredContent).toMatchObject({ received: true, messages: [expect.objectContaining({ text: 'here' })] });
      expect(progress[0]).toMatchObject({ total: 60 });
    } finally {
      await waiter.close();
    }
  });
});
