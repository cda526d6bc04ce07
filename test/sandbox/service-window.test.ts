import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { SandboxClient, textMessage, type SendResponseBody } from './helpers/client';
import { firstValue, WebhookReceiver, type WebhookEnvelope } from './helpers/webhook-receiver';

const CUSTOMER = '15557654321';
const SECRET = 'window-test-secret';

describe('24 h customer service window', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox | null = null;

  beforeEach(async () => {
    receiver = await new WebhookReceiver({ appSecret: SECRET, verifyToken: 'sandbox-verify-token' }).start();
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = null;
    await receiver.close();
  });

  async function start(window: boolean): Promise<SandboxClient> {
    sandbox = await startSandbox({ port: 0, window, callbackUrl: receiver.url, appSecret: SECRET });
    return new SandboxClient(sandbox);
  }

  function statusesFor(messageId: string): string[] {
    return receiver
      .payloads<WebhookEnvelope>()
      .flatMap((payload) => firstValue(payload).statuses ?? [])
      .filter((status) => status.id === messageId)
      .map((status) => status.status);
  }

  it('accepts a free-form message to a user who never wrote, then sends a failed status with 131047', async () => {
    const client = await start(true);
    const reply = await client.send({ ...textMessage(CUSTOMER), biz_opaque_callback_data: 'campaign-7' });
    expect(reply.status).toBe(200);
    const messageId = (reply.body as SendResponseBody).messages[0].id;
    await sandbox?.webhooksIdle();
    expect(statusesFor(messageId)).toEqual(['failed']);
    const failed = firstValue(receiver.payloads<WebhookEnvelope>()[0]).statuses?.[0];
    expect(failed).toMatchObject({
      id: messageId,
      status: 'failed',
      recipient_id: CUSTOMER,
      biz_opaque_callback_data: 'campaign-7',
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          error_data: {
            details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
          href: expect.stringContaining('error-codes'),
        },
      ],
    });
    const log = await client.control('GET', `messages?to=${CUSTOMER}`);
    expect((log.body as { data: { status: string; errors: { code: number }[] }[] }).data[0]).toMatchObject({ status: 'failed', errors: [{ code: 131047 }] });
  });

  it('delivers once the user has written (inbound opens the window)', async () => {
    const client = await start(true);
    await client.inbound({ from: CUSTOMER, text: 'Hi!' });
    const reply = await client.send(textMessage(CUSTOMER));
    const messageId = (reply.body as SendResponseBody).messages[0].id;
    await sandbox?.webhooksIdle();
    expect(statusesFor(messageId)).toEqual(['sent', 'delivered', 'read']);
    const sent = receiver.payloads<WebhookEnvelope>().flatMap((payload) => firstValue(payload).statuses ?? [])[0];
    expect(sent.pricing).toEqual({ billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' });
  });

  it('does not apply with window: false', async () => {
    const client = await start(false);
    const reply = await client.send(textMessage(CUSTOMER));
    const messageId = (reply.body as SendResponseBody).messages[0].id;
    await sandbox?.webhooksIdle();
    expect(statusesFor(messageId)).toEqual(['sent', 'delivered', 'read']);
  });

  it('does not apply to templates, which are billed by category', async () => {
    const client = await start(true);
    const reply = await client.send({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
    const messageId = (reply.body as SendResponseBody).messages[0].id;
    await sandbox?.webhooksIdle();
    expect(statusesFor(messageId)).toEqual(['sent', 'delivered', 'read']);
    const sent = receiver.payloads<WebhookEnvelope>().flatMap((payload) => firstValue(payload).statuses ?? [])[0];
    expect(sent.pricing).toEqual({ billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' });
  });
});
