import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { eventually, expectGraphError, SandboxClient, textMessage, type GraphErrorBody } from './helpers/client';
import { PNG_BYTES } from '../fixtures/media-bytes';
import { firstValue, type WebhookEnvelope } from './helpers/webhook-receiver';

const CUSTOMER = '15552220000';

interface MessagesReply {
  data: { id: string; to: string; type: string; status: string; errors: unknown[] }[];
}

describe('control API', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pairRate: 0 });
    client = new SandboxClient(sandbox);
  });
  beforeEach(() => client.control('POST', 'reset'));
  afterAll(() => sandbox.close());

  const inboundMessage = (webhook: unknown): Record<string, unknown> => firstValue(webhook as WebhookEnvelope).messages?.[0] ?? {};

  describe('POST /_sandbox/inbound', () => {
    it('builds a Meta-shaped messages webhook for a text (the default type)', async () => {
      const result = await client.inbound({ from: '+1 555 222 0000', text: 'Hello' });
      expect(result.messageId).toMatch(/^wamid\./);
      const value = firstValue(result.webhook as WebhookEnvelope);
      expect(result.webhook).toMatchObject({ object: 'whatsapp_business_account', entry: [{ id: sandbox.wabaId, changes: [{ field: 'messages' }] }] });
      expect(value).toEqual({
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550000001', phone_number_id: sandbox.phoneNumberId },
        contacts: [{ profile: { name: 'Sandbox User' }, wa_id: CUSTOMER }],
        messages: [{ from: CUSTOMER, id: result.messageId, timestamp: expect.stringMatching(/^\d{10}$/), type: 'text', text: { body: 'Hello' } }],
      });
    });

    it('stores inbound media so the client can fetch and download it', async () => {
      const result = await client.inbound({ from: CUSTOMER, type: 'image', image: { data: PNG_BYTES.toString('base64'), mimeType: 'image/png', caption: 'Look' } });
      expect(inboundMessage(result.webhook)).toMatchObject({
        type: 'image',
        image: { id: result.mediaId, mime_type: 'image/png', caption: 'Look', sha256: expect.any(String) },
      });
      const info = (await client.graph('GET', result.mediaId ?? '')).body as { url: string; file_size: number };
      expect(info.file_size).toBe(PNG_BYTES.length);
      const download = await fetch(info.url, { headers: { Authorization: `Bearer ${sandbox.token}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    });

    it.each([
      ['image', 'image/png'],
      ['video', 'video/mp4'],
      ['audio', 'audio/ogg; codecs=opus'],
      ['document', 'application/pdf'],
      ['sticker', 'image/webp'],
    ])('stores a placeholder %s of the default MIME type when no data is given', async (type, mimeType) => {
      const result = await client.inbound({ from: CUSTOMER, type });
      expect(inboundMessage(result.webhook)).toMatchObject({ type, [type]: { id: result.mediaId, mime_type: mimeType } });
      expect((await client.graph('GET', result.mediaId ?? '')).body).toMatchObject({ mime_type: mimeType });
    });

    it.each([
      ['location', { location: { latitude: '52.5', longitude: 13.4, name: 'Berlin' } }, { latitude: 52.5, longitude: 13.4, name: 'Berlin' }],
      ['contacts', { contacts: [{ name: { formatted_name: 'Lucía Gómez' }, phones: [{ phone: '+1 983 555 2319', wa_id: '19835552319' }] }] }, [{ name: { formatted_name: 'Lucía Gómez' }, phones: [{ phone: '+1 983 555 2319', wa_id: '19835552319' }] }]],
      ['interactive', { interactive: { type: 'button_reply', id: 'yes', title: 'Yes' } }, { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } }],
      ['button', { button: { text: 'Unsubscribe', payload: 'STOP' } }, { payload: 'STOP', text: 'Unsubscribe' }],
      ['reaction', { reaction: { messageId: 'wamid.X', emoji: '❤️' } }, { message_id: 'wamid.X', emoji: '❤️' }],
    ])('converts a %s into Meta\'s webhook object', async (type, content, expected) => {
      const result = await client.inbound({ from: CUSTOMER, type, ...content });
      expect(inboundMessage(result.webhook)).toMatchObject({ type, [type]: expected });
    });

    it('converts list replies, removed reactions, reply context and BSUID-only users', async () => {
      const list = await client.inbound({ from: CUSTOMER, type: 'interactive', interactive: { type: 'list_reply', id: 'r1', title: 'Express', description: 'Next day' }, context: { messageId: 'wamid.BUSINESS' } });
      expect(inboundMessage(list.webhook)).toMatchObject({
        context: { from: '15550000001', id: 'wamid.BUSINESS' },
        interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Express', description: 'Next day' } },
      });
      const removed = await client.inbound({ from: CUSTOMER, type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '' } });
      expect(inboundMessage(removed.webhook)).toMatchObject({ reaction: { message_id: 'wamid.X' } });
      expect((inboundMessage(removed.webhook).reaction as Record<string, unknown>).emoji).toBeUndefined();
      const bsuid = await client.inbound({ from: CUSTOMER, userId: 'US.13491208655302741918', omitPhone: true, text: 'hi' });
      const value = firstValue(bsuid.webhook as WebhookEnvelope);
      expect(value.contacts).toEqual([{ profile: { name: 'Sandbox User' }, user_id: 'US.13491208655302741918' }]);
      expect(value.messages?.[0]).toMatchObject({ from_user_id: 'US.13491208655302741918' });
      expect(value.messages?.[0].from).toBeUndefined();
    });

    it.each([
      [{ text: 'no sender' }, 'from: required parameter is missing'],
      [{ from: 'abc', text: 'x' }, 'from: must contain only digits'],
      [{ from: CUSTOMER, type: 'hologram' }, "type: unsupported value 'hologram'"],
      [{ from: CUSTOMER, type: 'text' }, 'text: required parameter is missing'],
      [{ from: CUSTOMER, phoneNumberId: '42', text: 'x' }, 'phoneNumberId: this sandbox serves phone number id'],
      [{ from: CUSTOMER, type: 'image', image: { mimeType: 'audio/mpeg' } }, "image.mimeType: 'audio/mpeg' is not a MIME type for image"],
      [{ from: CUSTOMER, omitPhone: true, text: 'x' }, 'omitPhone: a user without a phone number needs userId'],
      [{ from: CUSTOMER, text: 'x', image: {} }, 'image: not allowed when type is text'],
    ])('rejects %j with 400 and a field: rule message', async (body, message) => {
      const reply = await client.control('POST', 'inbound', body);
      expect(reply.status).toBe(400);
      expect((reply.body as { error: { message: string } }).error.message).toContain(message);
    });
  });

  describe('read receipts', () => {
    it('marks a known inbound message as read, with a typing indicator', async () => {
      const { messageId } = await client.inbound({ from: CUSTOMER, text: 'hi' });
      const reply = await client.send({ messaging_product: 'whatsapp', status: 'read', message_id: messageId, typing_indicator: { type: 'text' } });
      expect(reply.body).toEqual({ success: true });
    });

    it('rejects an id the sandbox never received with code 100', async () => {
      const reply = await client.send({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.UNKNOWN' });
      expectGraphError(reply, 100, "message_id: no inbound message with id 'wamid.UNKNOWN' was received by this phone number");
    });
  });

  it('GET /_sandbox/messages lists sends in order and filters by recipient', async () => {
    await client.inbound({ from: CUSTOMER, text: 'hi' });
    await client.send(textMessage(CUSTOMER, 'first'));
    await client.send(textMessage('15559990000', 'other'));
    await client.send(textMessage(`+${CUSTOMER}`, 'second'));
    const all = (await client.control('GET', 'messages')).body as MessagesReply;
    expect(all.data.map((message) => message.to)).toEqual([CUSTOMER, '15559990000', CUSTOMER]);
    const filtered = (await client.control('GET', `messages?to=${encodeURIComponent('+1 555 222 0000')}`)).body as MessagesReply;
    expect(filtered.data).toHaveLength(2);
    await eventually(async () => {
      const statuses = ((await client.control('GET', 'messages')).body as MessagesReply).data.map((message) => message.status);
      expect(statuses).toEqual(['read', 'failed', 'read']);
    });
  });

  it('POST /_sandbox/templates/{id}/status changes the status and 404s for unknown ids', async () => {
    const created = await client.createTemplate({ name: 'flip', category: 'UTILITY', language: 'en_US', components: [{ type: 'BODY', text: 'x' }] });
    expect((await client.control('POST', `templates/${created.id}/status`, { status: 'disabled' })).body).toEqual({ success: true });
    expect((await client.graph('GET', created.id)).body).toMatchObject({ status: 'DISABLED' });
    expect((await client.control('POST', 'templates/123/status', { status: 'APPROVED' })).status).toBe(404);
    const bad = await client.control('POST', `templates/${created.id}/status`, { status: 'SHINY' });
    expect(bad.status).toBe(400);
  });

  it('POST /_sandbox/reset returns to the start state', async () => {
    const { mediaId } = await client.inbound({ from: CUSTOMER, type: 'image' });
    await client.send(textMessage(CUSTOMER));
    await client.createTemplate({ name: 'temporary', category: 'UTILITY', language: 'en_US', components: [{ type: 'BODY', text: 'x' }] });
    await client.graph('POST', `${sandbox.phoneNumberId}/whatsapp_business_profile`, { messaging_product: 'whatsapp', about: 'Changed' });

    expect((await client.control('POST', 'reset')).body).toEqual({ success: true });

    expect(((await client.control('GET', 'messages')).body as MessagesReply).data).toEqual([]);
    expect(((await client.graph('GET', mediaId ?? '')).body as GraphErrorBody).error.error_subcode).toBe(33);
    const templates = (await client.graph('GET', `${sandbox.wabaId}/message_templates`)).body as { data: { name: string }[] };
    expect(templates.data.map((template) => template.name)).toEqual(['hello_world']);
    const profile = (await client.graph('GET', `${sandbox.phoneNumberId}/whatsapp_business_profile`)).body as { data: { about: string }[] };
    expect(profile.data[0].about).not.toBe('Changed');
    // The customer's window closed with the reset, so a free-form message fails again.
    await client.send(textMessage(CUSTOMER));
    await eventually(async () => {
      expect(((await client.control('GET', 'messages')).body as MessagesReply).data[0].status).toBe('failed');
    });
  });

  it('answers unknown control routes with 404', async () => {
    expect((await client.control('GET', 'nothing-here')).status).toBe(404);
  });
});
