import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { SandboxClient } from './helpers/client';
import { firstValue, WebhookReceiver, type WebhookEnvelope } from './helpers/webhook-receiver';

const SECRET = 'review-secret';
const VERIFY = 'review-verify';
const definition = (name: string): Record<string, unknown> => ({
  name,
  category: 'UTILITY',
  language: 'en_US',
  components: [{ type: 'BODY', text: `Body of ${name}` }],
});
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface DeliveryLog {
  data: { field: string; payload: WebhookEnvelope }[];
}

describe('template review: created PENDING, approved on a timer', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox | null = null;

  async function start(approveAfterMs: number): Promise<SandboxClient> {
    receiver = await new WebhookReceiver({ appSecret: SECRET, verifyToken: VERIFY }).start();
    sandbox = await startSandbox({ port: 0, approveAfterMs, callbackUrl: receiver.url, appSecret: SECRET, verifyToken: VERIFY });
    return new SandboxClient(sandbox);
  }

  const templateEvents = async (client: SandboxClient): Promise<string[]> => {
    const log = (await client.control('GET', 'webhooks')).body as DeliveryLog;
    return log.data.filter((entry) => entry.field === 'message_template_status_update').map((entry) => String(firstValue(entry.payload).event));
  };

  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
    await receiver.close();
  });

  it('answers PENDING even with approveAfterMs 0, then sends the APPROVED webhook', async () => {
    const client = await start(0);
    const created = await client.createTemplate(definition('quick_review'));
    expect(created.status).toBe('PENDING');
    await sandbox?.webhooksIdle();
    const payloads = receiver.payloads<WebhookEnvelope>();
    expect(payloads).toHaveLength(1);
    expect(firstValue(payloads[0])).toMatchObject({ event: 'APPROVED', message_template_id: Number(created.id), message_template_name: 'quick_review' });
  });

  it('stays PENDING for approveAfterMs; webhooksIdle() waits for the approval', async () => {
    const client = await start(100);
    const created = await client.createTemplate(definition('slow_review'));
    expect((await client.graph('GET', created.id)).body).toMatchObject({ status: 'PENDING' });
    await sandbox?.webhooksIdle();
    expect((await client.graph('GET', created.id)).body).toMatchObject({ status: 'APPROVED' });
    expect(await templateEvents(client)).toEqual(['APPROVED']);
  });

  it('cancels the approval of a template deleted while PENDING', async () => {
    const client = await start(50);
    await client.createTemplate(definition('short_lived'));
    await client.graph('DELETE', `${sandbox?.wabaId}/message_templates?name=short_lived`);
    await pause(120);
    await sandbox?.webhooksIdle();
    expect(await templateEvents(client)).toEqual([]);
  });

  it('cancels a pending approval when the status is set through the control API', async () => {
    const client = await start(50);
    const created = await client.createTemplate(definition('rejected_first'));
    await client.control('POST', `templates/${created.id}/status`, { status: 'REJECTED', reason: 'INVALID_FORMAT' });
    await pause(120);
    await sandbox?.webhooksIdle();
    expect(await templateEvents(client)).toEqual(['REJECTED']);
    expect((await client.graph('GET', created.id)).body).toMatchObject({ status: 'REJECTED' });
  });

  it('cancels pending approvals on reset', async () => {
    const client = await start(50);
    await client.createTemplate(definition('before_reset'));
    await client.control('POST', 'reset');
    await pause(120);
    await sandbox?.webhooksIdle();
    expect(await templateEvents(client)).toEqual([]);
  });

  it('cancels pending approvals on close, without waiting for them', async () => {
    await start(60_000).then((client) => client.createTemplate(definition('never_reviewed')));
    const started = Date.now();
    await sandbox?.close();
    // far below the 60 s review it would otherwise wait for
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(receiver.posts).toEqual([]);
  });
});
