import { normalizeWebhook, operations } from 'whatsapp-business-core';
import { WebhookReceiver } from '../../sandbox/helpers/webhook-receiver';
import { CUSTOMER, customerWrites, onPremSetup } from './onprem-helpers';
import type { OnPremSetup } from './onprem-helpers';

let receiver: WebhookReceiver;
let setup: OnPremSetup;

beforeAll(async () => {
  receiver = await new WebhookReceiver({ appSecret: 'unused', verifyToken: 'unused' }).start();
  setup = await onPremSetup({ callbackUrl: receiver.url });
});

afterAll(async () => {
  await setup.close();
  await receiver.close();
});

describe('On-Premises 24-hour window, end to end', () => {
  it('a free-form message outside the window is accepted, then reported failed with 470 in a flat, unsigned webhook', async () => {
    const result = await operations['message.send'].run(setup.provider, { to: '15550009999', type: 'text', text: { body: 'out of the blue' } });
    await setup.sandbox.webhooksIdle();
    const body = receiver.payloads<Record<string, unknown>>().find((payload) => JSON.stringify(payload).includes(result.messageId));
    expect(body).toEqual({
      contacts: [{ wa_id: '15550009999' }],
      statuses: [
        {
          id: result.messageId,
          status: 'failed',
          timestamp: expect.any(String),
          recipient_id: '15550009999',
          type: 'message',
          errors: [expect.objectContaining({ code: 470, title: expect.stringContaining('support window') })],
        },
      ],
    });
    expect(receiver.posts.every((post) => post.signature === undefined)).toBe(true);
    expect(receiver.handshakes).toEqual([]);
    const [event] = normalizeWebhook(body);
    expect(event).toMatchObject({ kind: 'status', status: 'failed', messageId: result.messageId, phoneNumberId: null, wabaId: null });
    expect(event.errors[0]).toMatchObject({ code: 470, details: expect.stringContaining('24 hours') });
  });

  it('inside the window: the inbound message, then delivered and read (sent is off by default, as on the client)', async () => {
    const inbound = await customerWrites(setup.sandbox, { from: CUSTOMER, name: 'Ana', text: 'Hi there' });
    const result = await operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'text', text: { body: 'Hello Ana' } });
    await setup.sandbox.webhooksIdle();
    const events = receiver.payloads<unknown>().flatMap((payload) => normalizeWebhook(payload));
    const message = events.find((event) => event.kind === 'message' && event.messageId === inbound.messageId);
    expect(message).toMatchObject({ from: CUSTOMER, contactName: 'Ana', text: 'Hi there', type: 'text', phoneNumberId: null, displayPhoneNumber: null });
    const statuses = events.filter((event) => event.kind === 'status' && event.messageId === result.messageId).map((event) => event.status);
    expect(statuses).toEqual(['delivered', 'read']);
  });
});
