import { operations } from 'whatsapp-business-core';
import { CoreWebhookReceiver } from './helpers/core-webhook-receiver';
import { customerWrites, sandboxWithProvider } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

const APP_SECRET = 'app-secret-for-tests';
const VERIFY_TOKEN = 'my-verify-token';
let env: SandboxWithProvider;
let receiver: CoreWebhookReceiver;

beforeEach(async () => {
  receiver = await new CoreWebhookReceiver(APP_SECRET, VERIFY_TOKEN).start();
  env = await sandboxWithProvider({ callbackUrl: receiver.url, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, approveAfterMs: 50 });
});
afterEach(async () => {
  await env.close();
  await receiver.close();
});

describe("the sandbox's signed webhooks, received with core's handshake, signature check and normalization", () => {
  it('an inbound message with non-ASCII text, then sent / delivered / read for the reply', async () => {
    const inbound = await customerWrites(env.sandbox, { from: '5511912345678', name: 'Lucía Gómez', text: 'Olá! Qué tal? 👋' });
    const reply = await operations['message.send'].run(env.provider, {
      to: '5511912345678',
      type: 'text',
      replyTo: inbound.messageId,
      bizOpaqueCallbackData: 'ticket-7',
      text: { body: 'Tudo bem!' },
    });
    await receiver.waitFor((events) => events.filter((e) => e.kind === 'status' && e.messageId === reply.messageId).length === 3);
    expect(receiver.handshakes).toBe(1);
    expect(receiver.rejected).toEqual([]);

    const message = receiver.events.find((e) => e.kind === 'message');
    expect(message).toMatchObject({
      type: 'text',
      text: 'Olá! Qué tal? 👋',
      from: '5511912345678',
      contactName: 'Lucía Gómez',
      messageId: inbound.messageId,
      phoneNumberId: env.sandbox.phoneNumberId,
      wabaId: env.sandbox.wabaId,
    });
    const statuses = receiver.events.filter((e) => e.kind === 'status');
    expect(statuses.map((e) => e.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses[0]).toMatchObject({ recipientId: '5511912345678', bizOpaqueCallbackData: 'ticket-7', pricing: { model: 'PMP' } });
    expect(new Set(statuses.map((e) => e.dedupeKey)).size).toBe(3);
  });

  it('interactive replies and media from the customer arrive normalized', async () => {
    await customerWrites(env.sandbox, { from: '16505551234', type: 'interactive', interactive: { type: 'button_reply', id: 'yes', title: 'Yes' } });
    const photo = await customerWrites(env.sandbox, { from: '16505551234', type: 'image', image: { caption: 'the part' } });
    await customerWrites(env.sandbox, { from: '16505551234', type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Depot' } });
    await receiver.waitFor((events) => events.length >= 3);
    const [button, image, location] = receiver.events;
    expect(button.interactive).toMatchObject({ type: 'button_reply', id: 'yes', title: 'Yes' });
    expect(image.media).toMatchObject({ id: photo.mediaId, caption: 'the part' });
    expect(location.location).toMatchObject({ latitude: 52.52, longitude: 13.405, name: 'Depot' });
    const file = await operations['media.download'].run(env.provider, { mediaId: image.media?.id ?? '' });
    expect(file.sha256Verified).toBe(true);
  });

  it('a template approval arrives as a template_status event', async () => {
    const created = await operations['template.create'].run(env.provider, {
      name: 'order_ready',
      category: 'UTILITY',
      language: 'en_US',
      components: [{ type: 'BODY', text: 'Your order {{1}} is ready.', example: { body_text: [['#42']] } }],
    });
    await receiver.waitFor((events) => events.some((e) => e.kind === 'template_status'));
    expect(receiver.events.find((e) => e.kind === 'template_status')).toMatchObject({
      event: 'APPROVED',
      field: 'message_template_status_update',
      template: { id: created.id, name: 'order_ready', language: 'en_US' },
    });
  });

  it('a receiver with the wrong app secret rejects every delivery with 401', async () => {
    const strict = await new CoreWebhookReceiver('another-secret', VERIFY_TOKEN).start();
    const other = await sandboxWithProvider({ callbackUrl: strict.url, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, webhookRetries: 0 });
    await customerWrites(other.sandbox, { from: '16505551234', text: 'hi' });
    await other.sandbox.webhooksIdle();
    expect(strict.events).toEqual([]);
    expect(strict.rejected.length).toBeGreaterThan(0);
    await other.close();
    await strict.close();
  });
});
