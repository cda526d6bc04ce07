import { PNG_BYTES } from '../fixtures/media-bytes';
import { CLOUD_TOOLS } from './helpers/tool-sets';
import { everything, startCloudHarness } from './helpers/harness';
import type { CloudHarness } from './helpers/harness';

const CANARY_ACCESS = 'CANARY-access-token-7f3a9c';
const CANARY_APP_SECRET = 'CANARY-app-secret-51be02';
const CANARY_VERIFY = 'CANARY-verify-token-c4d1e8';
const CANARY_MCP = 'CANARY-mcp-auth-token-9e77aa';
const CANARIES = [CANARY_ACCESS, CANARY_APP_SECRET, CANARY_VERIFY, CANARY_MCP];
const CUSTOMER = '16505551234';

let h: CloudHarness;
beforeAll(async () => {
  h = await startCloudHarness({
    token: CANARY_ACCESS,
    appSecret: CANARY_APP_SECRET,
    verifyToken: CANARY_VERIFY,
    env: { MCP_AUTH_TOKEN: CANARY_MCP },
    argv: ['--rate-limit-recipient', '0', '--rate-limit-global', '0'],
  });
});
afterAll(async () => {
  await h.close();
});

function assertNoCanary(text: string): void {
  for (const canary of CANARIES) expect(text).not.toContain(canary);
  expect(text).not.toContain('CANARY');
}

describe('configured secrets never appear in what the server returns', () => {
  it('through every tool, on success and on failure, in the audit, logs, listing and instructions', async () => {
    const inbound = await h.customerWrites({ from: CUSTOMER, name: 'Ana', text: 'hello' });
    const { mediaId } = await h.ok<{ mediaId: string }>('whatsapp_upload_media', { data: PNG_BYTES.toString('base64'), mimeType: 'image/png', filename: 'a.png' });
    const calls: [string, Record<string, unknown>][] = [
      ['whatsapp_send_text', { to: CUSTOMER, text: { body: 'hi' } }],
      ['whatsapp_send_media', { to: CUSTOMER, type: 'image', image: { id: mediaId } }],
      ['whatsapp_send_template', { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US' } }],
      ['whatsapp_send_interactive', { to: CUSTOMER, interactive: { type: 'location_request', body: { text: 'Where are you?' } } }],
      ['whatsapp_send_location', { to: CUSTOMER, location: { latitude: 1, longitude: 2 } }],
      ['whatsapp_send_contacts', { to: CUSTOMER, contacts: [{ name: { formattedName: 'A B', lastName: 'B' } }] }],
      ['whatsapp_react', { to: CUSTOMER, reaction: { messageId: inbound.messageId, emoji: '🎉' } }],
      ['whatsapp_mark_read', { messageId: inbound.messageId }],
      ['whatsapp_list_templates', {}],
      ['whatsapp_get_template', { name: 'hello_world' }],
      ['whatsapp_create_template', { name: 'canary_check', category: 'UTILITY', language: 'en_US', components: [{ type: 'BODY', text: 'Hi' }] }],
      ['whatsapp_delete_template', { name: 'canary_check' }],
      ['whatsapp_get_media', { mediaId }],
      ['whatsapp_download_media', { mediaId }],
      ['whatsapp_delete_media', { mediaId }],
      ['whatsapp_list_phone_numbers', {}],
      ['whatsapp_get_phone_number', {}],
      ['whatsapp_get_business_profile', {}],
      ['whatsapp_update_business_profile', { about: 'Shop' }],
      ['whatsapp_list_conversations', {}],
      ['whatsapp_get_conversation', { user: CUSTOMER }],
      ['whatsapp_wait_for_reply', { from: CUSTOMER, since: new Date(0).toISOString(), timeoutSeconds: 1 }],
    ];
    expect(new Set(['whatsapp_upload_media', ...calls.map(([tool]) => tool)])).toEqual(new Set(CLOUD_TOOLS));
    for (const [tool, args] of calls) {
      const result = await h.call(tool, args);
      expect({ tool, isError: result.isError ?? false }).toEqual({ tool, isError: false });
    }
    // Failures of every kind: validation, provider (bad media, unknown template), policy.
    await h.fails('whatsapp_send_text', { to: 'x', text: {} });
    await h.fails('whatsapp_send_template', { to: CUSTOMER, template: { name: 'missing_one', language: 'en_US' } });
    await h.fails('whatsapp_get_media', { mediaId: '999999' });
    await h.fails('whatsapp_download_media', { mediaId: '999999' });
    await h.fails('whatsapp_get_template', { name: 'missing_one' });
    await h.fails('whatsapp_delete_template', { name: 'missing_one' });

    expect(h.results.length).toBeGreaterThan(calls.length);
    assertNoCanary(everything(h.results));
    assertNoCanary(h.audit.join('\n'));
    assertNoCanary(h.logs.join('\n'));
    assertNoCanary(JSON.stringify(await h.client.listTools()));
    assertNoCanary(h.client.getInstructions() ?? '');
    assertNoCanary(JSON.stringify(h.runtime.provider));
  });

  it('even when the secret comes back inside content (a message quoting it), it is redacted', async () => {
    await h.customerWrites({ from: CUSTOMER, text: `my token is ${CANARY_ACCESS}` });
    await h.ok('whatsapp_send_text', { to: CUSTOMER, text: { body: `echo ${CANARY_APP_SECRET}` } });
    const conversation = await h.call('whatsapp_get_conversation', { user: CUSTOMER });
    const text = JSON.stringify(conversation);
    assertNoCanary(text);
    expect(text).toContain('my token is [redacted]');
  });
});
