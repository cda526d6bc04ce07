import { createHmac } from 'node:crypto';
import { startSandbox, type RunningSandbox, type SandboxOptions } from 'whatsapp-sandbox';
import { SandboxClient, textMessage, type SendResponseBody } from './helpers/client';
import { firstValue, WebhookReceiver, type ReceiverOptions, type WebhookEnvelope } from './helpers/webhook-receiver';

const SECRET = 'test-app-secret';
const VERIFY = 'my-verify-token';
const CUSTOMER = '15551230000';

interface DeliveryLog {
  data: { id: string; field: string; attempts: number; delivered: boolean; statusCode: number | null; error: string | null; payload: unknown }[];
}

describe('webhooks', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox | null = null;

  async function start(receiverOptions: Partial<ReceiverOptions> = {}, options: SandboxOptions = {}): Promise<SandboxClient> {
    receiver = await new WebhookReceiver({ appSecret: SECRET, verifyToken: VERIFY, ...receiverOptions }).start();
    sandbox = await startSandbox({ port: 0, callbackUrl: receiver.url, appSecret: SECRET, verifyToken: VERIFY, ...options });
    return new SandboxClient(sandbox);
  }

  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
    await receiver.close();
  });

  it('verifies the receiver with the hub handshake before the first POST, once', async () => {
    const client = await start();
    await client.inbound({ from: CUSTOMER, text: 'one' });
    await client.inbound({ from: CUSTOMER, text: 'two' });
    await sandbox?.webhooksIdle();
    expect(receiver.handshakes).toHaveLength(1);
    expect(receiver.handshakes[0]).toEqual({ mode: 'subscribe', challenge: expect.stringMatching(/^\d+$/), verifyToken: VERIFY });
    expect(receiver.posts).toHaveLength(2);
  });

  it('signs every POST over the exact bytes with X-Hub-Signature-256', async () => {
    const client = await start();
    await client.inbound({ from: CUSTOMER, text: 'signed' });
    await sandbox?.webhooksIdle();
    const post = receiver.posts[0];
    expect(post.contentType).toBe('application/json');
    expect(post.signatureValid).toBe(true);
    expect(post.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(post.raw).digest('hex')}`);
  });

  it('delivers sent, delivered and read in order, statusDelayMs apart, with pricing and biz_opaque_callback_data', async () => {
    const client = await start({}, { statusDelayMs: 60 });
    await client.inbound({ from: CUSTOMER, name: 'Ada', text: 'hi' });
    // Taken before the send: the timers start during it, so 'read' (two delays later) cannot
    // arrive sooner than 120 ms after this, however slow the machine is. A start taken after the
    // send returned made this flaky on a loaded CI machine.
    const started = Date.now();
    const reply = await client.send({ ...textMessage(CUSTOMER), biz_opaque_callback_data: 'ticket-9' });
    const messageId = (reply.body as SendResponseBody).messages[0].id;
    await sandbox?.webhooksIdle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    const statuses = receiver.payloads<WebhookEnvelope>().slice(1).map((payload) => firstValue(payload));
    expect(statuses.map((value) => value.statuses?.[0].status)).toEqual(['sent', 'delivered', 'read']);
    for (const value of statuses) {
      expect(value.metadata).toEqual({ display_phone_number: '15550000001', phone_number_id: '100000000000001' });
      expect(value.contacts).toEqual([{ wa_id: CUSTOMER, profile: { name: 'Ada' } }]);
      expect(value.statuses?.[0]).toMatchObject({
        id: messageId,
        recipient_id: CUSTOMER,
        timestamp: expect.stringMatching(/^\d{10}$/),
        biz_opaque_callback_data: 'ticket-9',
        pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
      });
    }
    expect(receiver.posts.every((post) => post.signatureValid)).toBe(true);
  });

  it('sends inbound messages with non-ASCII text escaped as \\uXXXX and signs those bytes', async () => {
    const client = await start();
    const text = 'Grüße, ça va? 👋 日本';
    await client.inbound({ from: CUSTOMER, name: 'Zoë', text });
    await sandbox?.webhooksIdle();
    const post = receiver.posts[0];
    expect([...post.raw].every((byte) => byte >= 0x20 && byte < 0x7f)).toBe(true);
    const raw = post.raw.toString('latin1');
    expect(raw).toContain('Gr\\u00fc\\u00dfe, \\u00e7a va? \\ud83d\\udc4b \\u65e5\\u672c');
    expect(raw).toContain('Zo\\u00eb');
    expect(post.signatureValid).toBe(true);
    const value = firstValue(post.body as WebhookEnvelope);
    expect(value.messages?.[0]).toMatchObject({ from: CUSTOMER, type: 'text', text: { body: text } });
    expect(value.contacts).toEqual([{ profile: { name: 'Zoë' }, wa_id: CUSTOMER }]);
  });

  it('retries a failing receiver with backoff and records the attempts', async () => {
    const client = await start({ failPosts: 2 });
    await client.inbound({ from: CUSTOMER, text: 'retry me' });
    await sandbox?.webhooksIdle();
    expect(receiver.posts).toHaveLength(3);
    const log = (await client.control('GET', 'webhooks')).body as DeliveryLog;
    expect(log.data[0]).toMatchObject({ field: 'messages', attempts: 3, delivered: true, statusCode: 200, error: null });
  });

  it('gives up after webhookRetries and records the failure', async () => {
    const client = await start({ postStatus: 503 }, { webhookRetries: 1 });
    await client.inbound({ from: CUSTOMER, text: 'nobody home' });
    await sandbox?.webhooksIdle();
    expect(receiver.posts).toHaveLength(2);
    const log = (await client.control('GET', 'webhooks')).body as DeliveryLog;
    expect(log.data[0]).toMatchObject({ attempts: 2, delivered: false, statusCode: 503, error: 'receiver answered HTTP 503' });
  });

  it('keeps events queued while the handshake fails and retries it', async () => {
    const client = await start({ failHandshakes: 2 });
    await client.inbound({ from: CUSTOMER, text: 'after handshake' });
    await sandbox?.webhooksIdle();
    expect(receiver.handshakes).toHaveLength(3);
    expect(receiver.posts).toHaveLength(1);
    const log = (await client.control('GET', 'webhooks')).body as DeliveryLog;
    expect(log.data[0]).toMatchObject({ attempts: 3, delivered: true });
  });

  it('gives up when the handshake never passes, without POSTing', async () => {
    const client = await start({ failHandshakes: 100 }, { webhookRetries: 2 });
    await client.inbound({ from: CUSTOMER, text: 'never' });
    await sandbox?.webhooksIdle();
    expect(receiver.posts).toHaveLength(0);
    const log = (await client.control('GET', 'webhooks')).body as DeliveryLog;
    expect(log.data[0]).toMatchObject({ attempts: 3, delivered: false, error: expect.stringMatching(/^verification handshake failed: receiver answered HTTP 403/) });
  });

  it('sends message_template_status_update with entry.time and no metadata', async () => {
    const client = await start();
    const created = await client.createTemplate({ name: 'status_hook', category: 'MARKETING', language: 'en_US', components: [{ type: 'BODY', text: 'Hi' }] });
    await client.control('POST', `templates/${created.id}/status`, { status: 'REJECTED', reason: 'INVALID_FORMAT' });
    await sandbox?.webhooksIdle();
    const payloads = receiver.payloads<WebhookEnvelope>();
    expect(payloads.map((payload) => payload.entry[0].changes[0].field)).toEqual(['message_template_status_update', 'message_template_status_update']);
    expect(payloads[0].entry[0]).toMatchObject({ id: sandbox?.wabaId, time: expect.any(Number) });
    expect(firstValue(payloads[0])).toEqual({
      event: 'APPROVED',
      message_template_id: Number(created.id),
      message_template_name: 'status_hook',
      message_template_language: 'en_US',
      message_template_category: 'MARKETING',
      reason: 'NONE',
    });
    expect(firstValue(payloads[1])).toMatchObject({ event: 'REJECTED', reason: 'INVALID_FORMAT' });
  });

  it('sends nothing without an app secret', async () => {
    receiver = await new WebhookReceiver({ appSecret: SECRET, verifyToken: VERIFY }).start();
    sandbox = await startSandbox({ port: 0, callbackUrl: receiver.url, verifyToken: VERIFY });
    const client = new SandboxClient(sandbox);
    await client.inbound({ from: CUSTOMER, text: 'silent' });
    await sandbox.webhooksIdle();
    expect(receiver.handshakes).toHaveLength(0);
    expect(((await client.control('GET', 'webhooks')).body as DeliveryLog).data).toEqual([]);
  });
});
