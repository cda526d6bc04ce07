import { operations, parseInput, toCloudMessagePayload } from 'whatsapp-business-core';
import type { SendMessageInput } from 'whatsapp-business-core';
import { JPEG_BYTES } from '../fixtures/media-bytes';
import { customerWrites, sandboxWithProvider, sentMessages } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

const CUSTOMER = '16505551234';
let env: SandboxWithProvider;
let imageId: string;
let inboundId: string;

beforeAll(async () => {
  env = await sandboxWithProvider({ mps: 0, pairRate: 0 });
  imageId = (await operations['media.upload'].run(env.provider, { data: JPEG_BYTES, mimeType: 'image/jpeg', filename: 'a.jpg' })).mediaId;
  inboundId = (await customerWrites(env.sandbox, { from: CUSTOMER, name: 'Ana', text: 'Hi, is my order ready?' })).messageId;
});
afterAll(() => env.close());

const to = '+1 (650) 555-1234';
const cases: [string, Record<string, unknown>][] = [
  ['text with preview', { to, type: 'text', text: { body: 'See https://example.com', previewUrl: true } }],
  ['image by link with caption', { to, type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Your receipt' } }],
  ['video by link', { to, type: 'video', video: { link: 'https://example.com/a.mp4', caption: 'Unboxing' } }],
  ['voice note', { to, type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true } }],
  ['document with filename', { to, type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'invoice-42.pdf', caption: 'Invoice' } }],
  ['sticker', { to, type: 'sticker', sticker: { link: 'https://example.com/a.webp' } }],
  ['location', { to, type: 'location', location: { latitude: '52.52', longitude: 13.405, name: 'Shop', address: 'Alexanderplatz 1, Berlin' } }],
  ['contacts', { to, type: 'contacts', contacts: [{ name: { formattedName: 'Ana Silva', firstName: 'Ana' }, phones: [{ phone: '+55 11 91234-5678', type: 'CELL' }] }] }],
  ['reaction', { to, type: 'reaction', reaction: { messageId: 'wamid.REACT', emoji: '👍🏽' } }],
  ['reaction removal', { to, type: 'reaction', reaction: { messageId: 'wamid.REACT' } }],
  ['reply buttons with image header, reply-to and callback data', {
    to,
    type: 'interactive',
    replyTo: 'wamid.PREVIOUS',
    bizOpaqueCallbackData: 'order-42',
    interactive: {
      type: 'button',
      header: { type: 'image', image: { link: 'https://example.com/h.jpg' } },
      body: { text: 'Pick it up today?' },
      footer: { text: 'Shop team' },
      action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'tomorrow', title: 'Tomorrow' }, { id: 'cancel', title: 'Cancel order' }] },
    },
  }],
  ['list with two sections', {
    to,
    type: 'interactive',
    interactive: {
      type: 'list',
      header: { type: 'text', text: 'Shipping' },
      body: { text: 'Choose a speed' },
      action: {
        button: 'Options',
        sections: [
          { title: 'Fast', rows: [{ id: 'express', title: 'Express', description: 'Next day' }] },
          { title: 'Cheap', rows: [{ id: 'standard', title: 'Standard' }, { id: 'slow', title: 'Economy', description: '5-7 days' }] },
        ],
      },
    },
  }],
  ['call-to-action URL', { to, type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Track your parcel' }, action: { displayText: 'Track', url: 'https://example.com/t/42' } } }],
  ['location request', { to, type: 'interactive', interactive: { type: 'location_request', body: { text: 'Where should we deliver?' } } }],
  ['hello_world template', { to, type: 'template', template: { name: 'hello_world', language: 'en_US' } }],
];

describe('message.send through the Cloud provider, every type', () => {
  it.each(cases)('%s: accepted, and the sandbox received exactly what the builder produces', async (_name, input) => {
    const result = await operations['message.send'].run(env.provider, input);
    expect(result).toMatchObject({ status: 'accepted', to: CUSTOMER, waId: CUSTOMER, phoneNumberId: env.sandbox.phoneNumberId });
    const received = (await sentMessages(env.sandbox)).find((m) => m.id === result.messageId);
    expect(received?.payload).toEqual(toCloudMessagePayload(parseInput(operations['message.send'].input, input) as SendMessageInput));
  });

  it('sends uploaded media by id', async () => {
    const result = await operations['message.send'].run(env.provider, { to, type: 'image', image: { id: imageId } });
    expect(result.status).toBe('accepted');
  });

  it('marks an inbound message read with the typing indicator', async () => {
    await expect(operations['message.markRead'].run(env.provider, { messageId: inboundId, typingIndicator: true })).resolves.toEqual({ success: true });
  });

  it('reports an unknown message id for mark-as-read as an API error with the details', async () => {
    await expect(operations['message.markRead'].run(env.provider, { messageId: 'wamid.NOPE' })).rejects.toMatchObject({ kind: 'api', metaCode: 100 });
  });

  it('rejects an invalid message before it reaches the sandbox', async () => {
    const before = (await sentMessages(env.sandbox)).length;
    await expect(
      operations['message.send'].run(env.provider, { to, type: 'interactive', interactive: { type: 'button', body: { text: 'x' }, action: { buttons: [] } } }),
    ).rejects.toMatchObject({ kind: 'validation', message: 'interactive.action.buttons: at least 1 reply button (got 0)' });
    expect(await sentMessages(env.sandbox)).toHaveLength(before);
  });

  it('uses a per-call phone number id and reports an unknown one as Meta does', async () => {
    await expect(operations['message.send'].run(env.provider, { ...cases[0][1], phoneNumberId: '999' })).rejects.toMatchObject({ metaCode: 100, metaSubcode: 33 });
  });
});
