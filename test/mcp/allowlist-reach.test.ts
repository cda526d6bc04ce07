import { startHarness } from './helpers/harness';
import type { Harness } from './helpers/harness';

/**
 * The recipient allow-list covers every tool whose side effect reaches a WhatsApp user, found from
 * the tool list (not a hand-written one): sends, reactions, read receipts and typing indicators.
 */

const ALLOWED = '16505550000';
const STRANGER = '16505551234';
let h: Harness;
let strangerMessage: string;
let allowedMessage: string;

beforeAll(async () => {
  h = await startHarness({ env: { WHATSAPP_ALLOWED_RECIPIENTS: ALLOWED }, argv: ['--rate-limit-recipient', '0', '--rate-limit-global', '0'] });
  strangerMessage = (await h.customerWrites({ from: STRANGER, text: 'hi from a stranger' })).messageId;
  allowedMessage = (await h.customerWrites({ from: ALLOWED, text: 'hi from an allowed number' })).messageId;
});
afterAll(async () => {
  await h.close();
});

/** A valid call of each user-reaching tool aimed at `user` (who wrote `messageId`). */
function callFor(tool: string, user: string, messageId: string): Record<string, unknown> {
  switch (tool) {
    case 'whatsapp_send_text':
      return { to: user, text: { body: 'hello' } };
    case 'whatsapp_send_media':
      return { to: user, type: 'image', image: { link: 'https://example.com/a.jpg' } };
    case 'whatsapp_send_template':
      return { to: user, template: { name: 'hello_world', language: 'en_US' } };
    case 'whatsapp_send_interactive':
      return { to: user, interactive: { type: 'location_request', body: { text: 'Where?' } } };
    case 'whatsapp_send_location':
      return { to: user, location: { latitude: 1, longitude: 2 } };
    case 'whatsapp_send_contacts':
      return { to: user, contacts: [{ name: { formattedName: 'A B', lastName: 'B' } }] };
    case 'whatsapp_react':
      return { to: user, reaction: { messageId, emoji: '👍' } };
    case 'whatsapp_mark_read':
      return { messageId, typingIndicator: true };
    default:
      throw new Error(`no call written for ${tool}: a new tool reaching users needs one here`);
  }
}

it('finds the tools that reach a user from the tool list: every side effect on the message resource', () => {
  const reaching = h.runtime.tools.filter((tool) => tool.reachesUser).map((tool) => tool.name);
  const messageSideEffects = h.runtime.tools.filter((tool) => tool.sideEffect && tool.operation?.resource === 'message').map((tool) => tool.name);
  expect(reaching).toEqual(messageSideEffects);
  expect(reaching).toEqual(expect.arrayContaining(['whatsapp_mark_read', 'whatsapp_react', 'whatsapp_send_text']));
});

it('every tool that reaches a user refuses a recipient off the allow-list, nothing reaches the sandbox, and allows one on it', async () => {
  const reaching = h.runtime.tools.filter((tool) => tool.reachesUser).map((tool) => tool.name);
  for (const tool of reaching) {
    const refused = await h.fails(tool, callFor(tool, STRANGER, strangerMessage));
    expect({ tool, code: refused.code }).toEqual({ tool, code: 'recipient_not_allowed' });
  }
  const sandbox = h.runtime.sandbox;
  const log = (await (await fetch(`${sandbox?.url}/_sandbox/messages?to=${STRANGER}`)).json()) as { data: unknown[] };
  expect(log.data).toEqual([]);
  for (const tool of reaching) {
    const result = await h.call(tool, callFor(tool, ALLOWED, allowedMessage));
    expect({ tool, isError: result.isError ?? false }).toEqual({ tool, isError: false });
  }
});

it('mark_read (and its typing indicator) of a message the server never saw is refused while an allow-list is set', async () => {
  const refused = await h.fails('whatsapp_mark_read', { messageId: 'wamid.NEVER_SEEN', typingIndicator: true });
  expect(refused.code).toBe('recipient_not_allowed');
  expect(refused.message).toMatch(/not known to this server/);
});
