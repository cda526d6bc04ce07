import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, textMessage } from './helpers/client';

describe('throughput (mps) and pair rate limits', () => {
  let sandbox: RunningSandbox | null = null;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
  });

  it('answers 130429 once more than mps messages were sent within a second', async () => {
    sandbox = await startSandbox({ port: 0, window: false, mps: 2, pairRate: 0 });
    const client = new SandboxClient(sandbox);
    expect((await client.send(textMessage('15550000010'))).status).toBe(200);
    expect((await client.send(textMessage('15550000011'))).status).toBe(200);
    const error = expectGraphError(await client.send(textMessage('15550000012')), 130429, 'Cloud API message throughput has been reached.');
    expect(error.message).toBe('(#130429) Rate limit hit');
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await client.send(textMessage('15550000012'))).status).toBe(200);
  });

  it('answers 131056 for more than pairRate messages to one user within 6 s, other users unaffected', async () => {
    sandbox = await startSandbox({ port: 0, window: false, pairRate: 1 });
    const client = new SandboxClient(sandbox);
    expect((await client.send(textMessage('15550000020'))).status).toBe(200);
    const error = expectGraphError(await client.send(textMessage('15550000020')), 131056);
    expect(error.message).toBe('(#131056) (Business Account, Consumer Account) pair rate limit hit');
    expect((await client.send(textMessage('15550000021'))).status).toBe(200);
  });

  it('does not count read receipts or rejected requests', async () => {
    sandbox = await startSandbox({ port: 0, window: false, mps: 1, pairRate: 1 });
    const client = new SandboxClient(sandbox);
    const inbound = await client.inbound({ from: '15550000030', text: 'hi' });
    const receipt = { messaging_product: 'whatsapp', status: 'read', message_id: inbound.messageId };
    expect((await client.send(receipt)).status).toBe(200);
    expect((await client.send(receipt)).status).toBe(200);
    expect((await client.send({ messaging_product: 'whatsapp', to: '15550000030', text: {} })).status).toBe(400);
    expect((await client.send(textMessage('15550000030'))).status).toBe(200);
  });

  it('lets 0 mean unlimited', async () => {
    sandbox = await startSandbox({ port: 0, window: false, mps: 0, pairRate: 0 });
    const client = new SandboxClient(sandbox);
    const replies = await Promise.all(Array.from({ length: 100 }, () => client.send(textMessage('15550000040'))));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
  });
});
