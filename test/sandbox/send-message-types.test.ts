import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { SandboxClient, type SendResponseBody } from './helpers/client';
import { JPEG_BYTES, MP4_BYTES, OGG_BYTES, PDF_BYTES, WEBP_BYTES } from '../fixtures/media-bytes';

const TO = '+1 (650) 555-1234';

describe('POST /{phone-number-id}/messages accepts every message type', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const media: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false });
    client = new SandboxClient(sandbox);
    media.image = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    media.video = await client.upload(MP4_BYTES, 'video/mp4', 'clip.mp4');
    media.audio = await client.upload(OGG_BYTES, 'audio/ogg; codecs=opus', 'voice.ogg');
    media.document = await client.upload(PDF_BYTES, 'application/pdf', 'invoice.pdf');
    media.sticker = await client.upload(WEBP_BYTES, 'image/webp', 'sticker.webp');
  });
  afterAll(() => sandbox.close());

  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

  const cases: [string, () => Record<string, unknown>][] = [
    ['text', () => ({ type: 'text', text: { body: 'Hi there', preview_url: false } })],
    ['image by id', () => ({ type: 'image', image: { id: media.image, caption: 'A photo' } })],
    ['image by link', () => ({ type: 'image', image: { link: 'https://example.com/a.jpg' } })],
    ['video', () => ({ type: 'video', video: { id: media.video, caption: 'A clip' } })],
    ['audio (voice)', () => ({ type: 'audio', audio: { id: media.audio, voice: true } })],
    ['document', () => ({ type: 'document', document: { id: media.document, filename: 'invoice.pdf', caption: 'Invoice' } })],
    ['sticker', () => ({ type: 'sticker', sticker: { id: media.sticker } })],
    ['location', () => ({ type: 'location', location: { latitude: 52.52, longitude: '13.405', name: 'Berlin', address: 'Mitte' } })],
    [
      'contacts',
      () => ({
        type: 'contacts',
        contacts: [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, birthday: '1815-12-10', phones: [{ phone: '+44 20 7946 0958', type: 'WORK' }] }],
      }),
    ],
    ['reaction', () => ({ type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '👍🏽' } })],
    ['reaction removal', () => ({ type: 'reaction', reaction: { message_id: 'wamid.ABC', emoji: '' } })],
    [
      'interactive button with image header',
      () => ({
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'image', image: { id: media.image } },
          body: { text: 'Pick one' },
          footer: { text: 'Footer' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
              { type: 'reply', reply: { id: 'no', title: 'No' } },
            ],
          },
        },
      }),
    ],
    [
      'interactive list',
      () => ({
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Menu' },
          body: { text: 'Choose a dish' },
          action: {
            button: 'See menu',
            sections: [
              { title: 'Mains', rows: [{ id: 'm1', title: 'Pasta', description: 'With tomato sauce' }] },
              { title: 'Desserts', rows: [{ id: 'd1', title: 'Ice cream' }] },
            ],
          },
        },
      }),
    ],
    [
      'interactive cta_url',
      () => ({
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          header: { type: 'text', text: 'Offer' },
          body: { text: 'Tap to see the offer' },
          action: { name: 'cta_url', parameters: { display_text: 'See offer', url: 'https://example.com/offer' } },
        },
      }),
    ],
    [
      'interactive location_request_message',
      () => ({
        type: 'interactive',
        interactive: { type: 'location_request_message', body: { text: 'Where are you?' }, action: { name: 'send_location' } },
      }),
    ],
    ['template', () => ({ type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } })],
    [
      'a reply with context and biz_opaque_callback_data',
      () => ({ type: 'text', text: { body: 'Replying' }, context: { message_id: 'wamid.PREVIOUS' }, biz_opaque_callback_data: 'order-42' }),
    ],
  ];

  it.each(cases)('%s', async (_label, content) => {
    const reply = await client.send({ ...base, ...content() });
    expect(reply.status).toBe(200);
    const body = reply.body as SendResponseBody;
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: TO, wa_id: '16505551234' }],
      messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/=]+$/), message_status: 'accepted' }],
    });
  });

  it('infers the type from the single content object when type is absent', async () => {
    const reply = await client.send({ messaging_product: 'whatsapp', to: '16505551234', location: { latitude: 1, longitude: 2 } });
    expect(reply.status).toBe(200);
    const id = (reply.body as SendResponseBody).messages[0].id;
    const log = await client.control('GET', 'messages?to=16505551234');
    const record = (log.body as { data: { id: string; type: string }[] }).data.find((message) => message.id === id);
    expect(record?.type).toBe('location');
  });

  it('records each send with the payload as received', async () => {
    const message = { ...base, type: 'text', text: { body: 'Recorded' } };
    const reply = await client.send(message);
    const id = (reply.body as SendResponseBody).messages[0].id;
    const log = await client.control('GET', 'messages');
    const record = (log.body as { data: Record<string, unknown>[] }).data.find((entry) => entry.id === id);
    expect(record).toMatchObject({ id, phoneNumberId: sandbox.phoneNumberId, to: '16505551234', type: 'text', payload: message });
    expect(record?.timestamp).toMatch(/^\d{10}$/);
  });
});
