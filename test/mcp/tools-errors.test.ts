import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { SANDBOX_TOOLS } from './helpers/tool-sets';
import { startCloudHarness, startHarness } from './helpers/harness';
import type { Harness } from './helpers/harness';

const CUSTOMER = '16505551234';
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ argv: ['--rate-limit-recipient', '0', '--rate-limit-global', '0'] });
  await h.customerWrites({ from: CUSTOMER, text: 'open the window' });
});
afterAll(async () => {
  await h.close();
});

/** One invalid input per tool, and the fields core must name. */
const INVALID: readonly [string, Record<string, unknown>, string[]][] = [
  ['whatsapp_send_text', { to: '0123', text: { body: '   ' } }, ['to', 'text.body']],
  ['whatsapp_send_media', { to: CUSTOMER, type: 'image', image: { id: '1', link: 'https://example.com/a.jpg' } }, ['image']],
  ['whatsapp_send_media', { to: CUSTOMER, type: 'text', text: { body: 'not media' } }, ['type']],
  ['whatsapp_send_template', { to: CUSTOMER, template: { name: 'Hello World', language: 'english' } }, ['template.name', 'template.language']],
  [
    'whatsapp_send_interactive',
    { to: CUSTOMER, interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` })) } } },
    ['interactive.action.buttons'],
  ],
  ['whatsapp_send_location', { to: CUSTOMER, location: { latitude: 100, longitude: 0 } }, ['location.latitude']],
  ['whatsapp_send_contacts', { to: CUSTOMER, contacts: [] }, ['contacts']],
  ['whatsapp_react', { to: CUSTOMER, reaction: { messageId: 'wamid.x', emoji: 'ok' } }, ['reaction.emoji']],
  ['whatsapp_mark_read', { messageId: ' ' }, ['messageId']],
  ['whatsapp_list_templates', { limit: 0 }, ['limit']],
  ['whatsapp_get_template', {}, ['']],
  ['whatsapp_create_template', { name: 'x', category: 'PROMO', language: 'en_US' }, ['category', 'components']],
  ['whatsapp_delete_template', { templateId: '123' }, ['name']],
  ['whatsapp_upload_media', { data: '%%% not base64 %%%', mimeType: 'image/png', filename: 'a.png' }, ['data']],
  ['whatsapp_upload_media', { data: Buffer.from('GIF89a').toString('base64'), mimeType: 'image/gif', filename: 'a.gif' }, ['mimeType']],
  ['whatsapp_get_media', {}, ['mediaId']],
  ['whatsapp_download_media', { mediaId: '' }, ['mediaId']],
  ['whatsapp_delete_media', { mediaId: 42 }, ['mediaId']],
  ['whatsapp_list_phone_numbers', { wabaId: 'acme' }, ['wabaId']],
  ['whatsapp_get_phone_number', { phoneNumberId: 'abc' }, ['phoneNumberId']],
  ['whatsapp_get_business_profile', { unknownField: true }, ['unknownField']],
  ['whatsapp_update_business_profile', {}, ['']],
  ['whatsapp_list_conversations', { limit: 1000 }, ['limit']],
  ['whatsapp_get_conversation', { user: 'not a number' }, ['user']],
  ['whatsapp_wait_for_reply', { timeoutSeconds: 301 }, ['timeoutSeconds']],
  ['whatsapp_simulate_customer_message', { from: '+1 555 123 4567', text: '' }, ['text']],
  ['whatsapp_simulate_customer_message', { from: 'not a number', text: 'Hi' }, ['from']],
];

describe('invalid input', () => {
  it('covers every Cloud API tool (the other providers\' tools are covered in providers/*.test.ts)', () => {
    expect(new Set(INVALID.map(([tool]) => tool))).toEqual(new Set(SANDBOX_TOOLS));
  });

  it.each(INVALID)('%s %j is an isError result naming each bad field, with a hint', async (tool, args, paths) => {
    const error = await h.fails(tool, args);
    expect(error.kind).toBe('validation');
    expect(error.hint).toMatch(/Fix the fields/);
    for (const path of paths) expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect(error.text).toMatch(/^Error \(validation\)/);
  });

  it('sends nothing and writes no audit line for invalid input', async () => {
    const before = h.audit.length;
    await h.fails('whatsapp_send_text', { to: CUSTOMER, text: { body: 'x'.repeat(4097) } });
    expect(h.audit.length).toBe(before);
  });
});

describe('provider errors', () => {
  it('an unknown template: Meta code 132001 and its recovery hint', async () => {
    const error = await h.fails('whatsapp_send_template', { to: CUSTOMER, template: { name: 'no_such_template', language: 'en_US' } });
    expect(error).toMatchObject({ kind: 'api', code: 132001, hint: expect.stringMatching(/name, language code and status/) });
    expect(JSON.parse(h.audit[h.audit.length - 1])).toMatchObject({ tool: 'whatsapp_send_template', outcome: 'failed', code: 132001 });
  });

  it('a template name that does not exist, media that does not exist', async () => {
    expect(await h.fails('whatsapp_get_template', { name: 'missing_template' })).toMatchObject({ kind: 'api', hint: expect.stringMatching(/whatsapp|template.list|name/i) });
    const media = await h.fails('whatsapp_delete_media', { mediaId: '987654321' });
    expect(media).toMatchObject({ kind: 'api', code: 100, hint: expect.any(String) });
    expect(await h.fails('whatsapp_send_media', { to: CUSTOMER, type: 'image', image: { id: '987654321' } })).toMatchObject({ kind: 'api', code: expect.any(Number) });
  });

  it('an unreachable API: a network error with a hint', async () => {
    const cloud = await startCloudHarness({ env: { WHATSAPP_BASE_URL: 'http://127.0.0.1:9' } });
    try {
      const error = await cloud.fails('whatsapp_get_business_profile');
      expect(error).toMatchObject({ kind: 'network', hint: expect.stringMatching(/network connection|base URL/) });
    } finally {
      await cloud.close();
    }
  });

  it('an unknown tool is a protocol error, not a result', async () => {
    await expect(h.client.callTool({ name: 'whatsapp_send_fax', arguments: {} })).rejects.toThrow(McpError);
  });
});
