import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { withoutTrailingSlashes } from 'whatsapp-business-core';
import { isOneEmoji } from '../../sandbox/validation/single-emoji';
import { expectGraphError, SandboxClient } from './helpers/client';
import { expectLinearInSize } from './helpers/scaling';

/**
 * The sandbox validates the wire format itself; no check may cost more than linear time in the
 * input, or one request can stall or kill the process (a 120,000-character reaction emoji did).
 */
describe('sandbox validation stays linear in the input', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false, pairRate: 0, mps: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('a 120,000-character reaction emoji on /_sandbox/inbound is a 400 and the process lives on', async () => {
    const reply = await client.control('POST', 'inbound', { from: '15552220000', type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '😀'.repeat(60_000) } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { message: 'reaction.emoji: must be a single emoji, or "" for a removed reaction' } });
    expect((await client.control('GET', 'messages')).status).toBe(200);
  });

  it('a 120,000-character inbound text is a 400 naming the limit, and the process lives on', async () => {
    const reply = await client.control('POST', 'inbound', { from: '15552220000', text: 'a'.repeat(120_000) });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { message: 'text: must be at most 4096 characters (got 120000)' } });
    expect((await client.control('GET', 'messages')).status).toBe(200);
  });

  it('a 120,000-character reaction emoji on /messages is 131009 naming its length, not echoing it', async () => {
    const reply = await client.graph('POST', `${sandbox.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '15552220000', type: 'reaction', reaction: { message_id: 'wamid.X', emoji: 'a'.repeat(120_000) } });
    expectGraphError(reply, 131009, 'reaction.emoji: must be a single emoji, or "" to remove the reaction (got 120000 characters)');
  });

  it('long emoji sequences WhatsApp shows are still one emoji', () => {
    for (const emoji of ['👍🏽', '❤️', '👨‍👩‍👧‍👦', '👩🏻‍❤️‍💋‍👨🏼', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🇧🇷']) expect(isOneEmoji(emoji)).toBe(true);
    for (const value of ['👍👍', 'a', '😀'.repeat(20)]) expect(isOneEmoji(value)).toBe(false);
  });

  it('the emoji check grows linearly (in fact not at all) with the value', async () => {
    await expectLinearInSize((n) => isOneEmoji('😀'.repeat(n)), 10_000);
  });

  it('a reaction send grows linearly with the emoji value', async () => {
    const send = (n: number) =>
      client.graph('POST', `${sandbox.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '15552220000', type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '😀'.repeat(n) } });
    await expectLinearInSize(send, 12_000);
  });

  it('trimming trailing slashes grows linearly with the slashes (the regex /\\/+$/ was quadratic)', async () => {
    await expectLinearInSize((n) => withoutTrailingSlashes(`/${'/'.repeat(n)}x`), 4_000);
  });

  it('a control route with thousands of slashes is answered in linear time', async () => {
    const get = (n: number) => fetch(`${sandbox.url}/_sandbox/${'/'.repeat(n)}x`);
    await expectLinearInSize(get, 1_200);
  });

  it('named template parameters are checked in linear time in their number', async () => {
    const created = await client.graph('POST', `${sandbox.wabaId}/message_templates`, {
      name: 'named_scaling',
      category: 'UTILITY',
      language: 'en_US',
      parameter_format: 'NAMED',
      components: [{ type: 'BODY', text: 'Hi {{first_name}}, welcome.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } }],
    });
    expect(created.status).toBe(200);
    const send = (n: number) =>
      client.graph('POST', `${sandbox.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        to: '15552220000',
        type: 'template',
        template: {
          name: 'named_scaling',
          language: { code: 'en_US' },
          components: [{ type: 'body', parameters: Array.from({ length: n }, (_, i) => ({ type: 'text', parameter_name: `p${i}`, text: 'x' })) }],
        },
      });
    const reply = await send(3);
    expect(reply.status).toBe(400);
    await expectLinearInSize(send, 8_000, 3);
  }, 120_000);

  it('an error about thousands of unknown parameter names lists ten and counts the rest', async () => {
    const reply = await client.graph('POST', `${sandbox.phoneNumberId}/messages`, {
      messaging_product: 'whatsapp',
      to: '15552220000',
      type: 'template',
      template: {
        name: 'named_scaling',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: Array.from({ length: 25 }, (_, i) => ({ type: 'text', parameter_name: `p${i}`, text: 'x' })) }],
      },
    });
    expectGraphError(reply, 132000, /unknown p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 15 more/);
  });
});
