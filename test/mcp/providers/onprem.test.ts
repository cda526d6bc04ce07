import { join } from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { PNG_BYTES } from '../../fixtures/media-bytes';
import { everything } from '../helpers/harness';
import { ONPREM_PASSWORD, SECRETS, startProviderHarness, TEMPLATE_NAMESPACE } from '../helpers/provider-harness';
import type { ProviderHarness } from '../helpers/provider-harness';
import { ONPREM_TOOLS } from '../helpers/tool-sets';

const CUSTOMER = '16505551234';
const NO_LIMITS = ['--rate-limit-recipient', '0', '--rate-limit-global', '0'];
// A base64 "certificate" as WhatsApp Manager shows it; the sandbox does not decode it.
const CERT = Buffer.from('sandbox vname certificate').toString('base64');

function assertNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('MCP server with WHATSAPP_PROVIDER=onprem (On-Premises flavor of the sandbox)', () => {
  let h: ProviderHarness;
  const sandboxLog: string[] = [];
  beforeAll(async () => {
    h = await startProviderHarness('onprem', { argv: [...NO_LIMITS, '--audit-bodies'], sandbox: { log: (line) => sandboxLog.push(line) } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists exactly the On-Premises tools, and says that Meta stopped delivery on 2025-10-23', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...ONPREM_TOOLS]);
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['whatsapp_get_health', 'whatsapp_request_registration_code', 'whatsapp_verify_registration_code', 'whatsapp_get_application_settings', 'whatsapp_update_application_settings', 'whatsapp_check_contacts']) {
      expect(byName.get(name)?.description).toMatch(/^WhatsApp On-Premises API only\./);
    }
    expect(byName.get('whatsapp_get_health')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('whatsapp_check_contacts')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('whatsapp_verify_registration_code')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('whatsapp_send_interactive')?.description).toMatch(/only reply buttons, list menus can be sent/);
    expect(byName.get('whatsapp_send_template')?.description).toMatch(/WHATSAPP_ONPREM_TEMPLATE_NAMESPACE/);
    expect(h.client.getInstructions()).toMatch(/Meta stopped delivering messages to and from On-Premises numbers on 2025-10-23/);
    expect(h.logs.join('\n')).toMatch(/On-Premises API: Meta stopped delivering .* on 2025-10-23/);
  });

  it('get_health and check_contacts: the client is connected; numbers are resolved to WhatsApp ids', async () => {
    expect(await h.ok('whatsapp_get_health')).toMatchObject({ ready: true, gatewayStatus: 'connected' });
    const checked = await h.ok<{ contacts: { input: string; status: string; waId: string | null }[] }>('whatsapp_check_contacts', {
      contacts: ['+1 (650) 555-1234', '1 650 555 0000'],
    });
    expect(checked.contacts).toEqual([
      { input: '+1 (650) 555-1234', status: 'valid', waId: CUSTOMER },
      expect.objectContaining({ input: '1 650 555 0000', status: 'invalid' }),
    ]);
  });

  it('sends a template in the On-Premises dialect with the configured namespace; the sandbox received it', async () => {
    const sent = await h.ok<{ messageId: string; status: string }>('whatsapp_send_template', { to: '+1 650 555 1234', template: { name: 'hello_world', language: 'en_US' } });
    expect(sent).toMatchObject({ status: 'accepted', messageId: expect.any(String) });
    const received = await h.sentMessages();
    expect(received).toContainEqual(expect.objectContaining({ id: sent.messageId, to: CUSTOMER, type: 'template' }));
    expect(JSON.stringify(received)).toContain(TEMPLATE_NAMESPACE);
  });

  it('the flat webhook (with the token) brings the customer into the inbox; text and mark-read go out', async () => {
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Kerry', text: 'Hi via On-Premises' });
    const conversation = await h.ok<{ messages: { direction: string; text: string | null; messageId: string }[] }>('whatsapp_get_conversation', { user: CUSTOMER });
    expect(conversation.messages).toContainEqual(expect.objectContaining({ direction: 'inbound', messageId: inbound.messageId, text: 'Hi via On-Premises' }));
    const reply = await h.ok<{ window: { state: string } }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'Hello Kerry', previewUrl: true } });
    expect(reply.window.state).toBe('open');
    expect(await h.ok('whatsapp_mark_read', { messageId: inbound.messageId })).toEqual({ success: true });
    expect(await h.sentMessages()).toContainEqual(expect.objectContaining({ to: CUSTOMER, type: 'text' }));
  });

  it('uploads, downloads and deletes media', async () => {
    const { mediaId } = await h.ok<{ mediaId: string }>('whatsapp_upload_media', { data: PNG_BYTES.toString('base64'), mimeType: 'image/png', filename: 'dot.png' });
    const download = await h.call('whatsapp_download_media', { mediaId });
    expect(download.isError ?? false).toBe(false);
    expect(download.content[1]).toEqual({ type: 'image', mimeType: 'image/png', data: PNG_BYTES.toString('base64') });
    expect(await h.ok('whatsapp_delete_media', { mediaId })).toEqual({ deleted: true });
  });

  it('reads and changes application settings', async () => {
    const updated = await h.ok<{ updated: boolean; fields: string[] }>('whatsapp_update_application_settings', {
      webhookStatuses: { sent: false, delivered: true, read: true },
      maxConcurrentWebhookRequests: 12,
    });
    expect(updated.updated).toBe(true);
    const settings = await h.ok<{ webhookUrl: string | null; settings: Record<string, unknown> }>('whatsapp_get_application_settings');
    expect(settings.webhookUrl).toContain('/webhook');
    expect(settings.settings).toMatchObject({ webhooks: expect.objectContaining({ max_concurrent_requests: 12 }) });
  });

  it('registers a number in two steps; the code and PIN stay out of the audit even with --audit-bodies', async () => {
    const requested = await h.ok('whatsapp_request_registration_code', { countryCode: '1', phoneNumber: '6315551234', method: 'sms', cert: CERT, pin: '123456' });
    expect(requested).toMatchObject({ status: 'code_sent' });
    const code = /registration code for \+16315551234: (\d{6})/.exec(sandboxLog.join('\n'))?.[1];
    expect(code).toBeDefined();
    const wrong = await h.fails('whatsapp_verify_registration_code', { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.kind).toBe('api');
    expect(await h.ok('whatsapp_verify_registration_code', { code })).toEqual({ registered: true });
    const audited = h.audit.join('\n');
    expect(audited).toMatch(/"tool":"whatsapp_verify_registration_code".*"input":\{"code":"\[redacted\]"\}/);
    expect(audited).toMatch(/"tool":"whatsapp_request_registration_code".*"cert":"\[redacted\]".*"pin":"\[redacted\]"/);
    expect(audited).not.toContain(`"${code}"`);
    expect(audited).not.toContain('123456');
  });

  it('refuses what the On-Premises API cannot carry, naming the alternative; unoffered tools say why', async () => {
    const before = (await h.sentMessages()).length;
    const cta = await h.fails('whatsapp_send_interactive', {
      to: CUSTOMER,
      interactive: { type: 'cta_url', body: { text: 'Track it' }, action: { displayText: 'Open', url: 'https://example.com/t' } },
    });
    expect(cta.kind).toBe('unsupported');
    expect(cta.text).toMatch(/WhatsApp On-Premises API/);
    expect(cta.hint).toMatch(/put the link in a text message/i);
    expect((await h.sentMessages()).length).toBe(before);
    await expect(h.client.callTool({ name: 'whatsapp_react', arguments: {} })).rejects.toThrow(McpError);
    await expect(h.client.callTool({ name: 'whatsapp_react', arguments: {} })).rejects.toThrow(/not offered with the WhatsApp On-Premises API: Reactions are not in the On-Premises/);
    await expect(h.client.callTool({ name: 'whatsapp_get_media', arguments: {} })).rejects.toThrow(/use whatsapp_download_media|use media\.download/);
    await expect(h.client.callTool({ name: 'whatsapp_list_templates', arguments: {} })).rejects.toThrow(/WhatsApp Manager/);
  });

  it('leaves the fields On-Premises refuses (phoneNumberId, wabaId, bizOpaqueCallbackData) out of the listed schemas; sent anyway, core names them', async () => {
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
    assertNoSecret(h.client.getInstructions() ?? '');
    assertNoSecret(JSON.stringify(h.runtime.provider));
  });
});

describe('On-Premises failures and policy', () => {
  it('a wrong WHATSAPP_ONPREM_PASSWORD is an isError with a hint, and neither password is shown', async () => {
    const wrong = 'CANARY-wrong-onprem-password-4e';
    const h = await startProviderHarness('onprem', { env: { WHATSAPP_ONPREM_PASSWORD: wrong } });
    try {
      const error = await h.fails('whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } });
      expect(error.kind).toBe('api');
      expect(error.hint).toMatch(/password|user ?name|login/i);
      const health = await h.fails('whatsapp_get_health', {});
      expect(health.kind).toBe('api');
      const text = everything(h.results);
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(ONPREM_PASSWORD);
      assertNoSecret(text);
      expect(await h.sentMessages()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('--dry-run shows the On-Premises request (no login first) and sends nothing', async () => {
    const h = await startProviderHarness('onprem', { argv: ['--dry-run'] });
    try {
      const result = await h.ok<{ request: { method: string; url: string; body: Record<string, unknown> } }>('whatsapp_send_text', { to: CUSTOMER, text: { body: 'dry' } });
      expect(result.request).toMatchObject({ method: 'POST', url: `${h.sandbox.url}/v1/messages`, body: { to: CUSTOMER, type: 'text' } });
      expect(result.request.body).not.toHaveProperty('messaging_product');
      const before = await h.ok('whatsapp_get_application_settings');
      const settings = await h.ok<{ request: { method: string; url: string; body: Record<string, unknown> } }>('whatsapp_update_application_settings', {
        maxConcurrentWebhookRequests: 24,
        webhookStatuses: { sent: false },
      });
      expect(settings.request).toMatchObject({ method: 'PATCH', url: `${h.sandbox.url}/v1/settings/application` });
      expect(JSON.stringify(settings.request.body)).toContain('24');
      expect(await h.ok('whatsapp_get_application_settings')).toEqual(before);
      expect(await h.sentMessages()).toEqual([]);
      assertNoSecret(everything(h.results));
    } finally {
      await h.close();
    }
  });

  it('--read-only keeps health, settings and the contact check, hides registration and settings changes', async () => {
    const h = await startProviderHarness('onprem', { argv: ['--read-only'] });
    try {
      expect((await h.client.listTools()).tools.map((t) => t.name)).toEqual([
        'whatsapp_check_contacts',
        'whatsapp_download_media',
        'whatsapp_get_business_profile',
        'whatsapp_get_health',
        'whatsapp_get_application_settings',
        'whatsapp_list_conversations',
        'whatsapp_get_conversation',
        'whatsapp_wait_for_reply',
      ]);
    } finally {
      await h.close();
    }
  });

  it('a self-signed client certificate is refused with a hint naming WHATSAPP_ONPREM_INSECURE_TLS, and accepted once it is true', async () => {
    const tls = { tlsCert: join(__dirname, '..', '..', 'fixtures', 'tls', 'cert.pem'), tlsKey: join(__dirname, '..', '..', 'fixtures', 'tls', 'key.pem') };
    const strict = await startProviderHarness('onprem', { sandbox: tls });
    try {
      expect(strict.sandbox.url).toMatch(/^https:/);
      const refused = await strict.fails('whatsapp_get_health', {});
      expect(refused.hint).toMatch(/WHATSAPP_ONPREM_INSECURE_TLS=true/);
    } finally {
      await strict.close();
    }
    const trusting = await startProviderHarness('onprem', { sandbox: tls, env: { WHATSAPP_ONPREM_INSECURE_TLS: 'true' } });
    try {
      expect(await trusting.ok('whatsapp_get_health', {})).toMatchObject({ ready: true });
    } finally {
      await trusting.close();
    }
  });
});
