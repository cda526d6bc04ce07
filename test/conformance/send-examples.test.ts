import { createProvider, operations, parseInput, toCloudMarkReadPayload, toCloudMessagePayload } from 'whatsapp-business-core';
import type { Provider, SendMessageInput } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { JPEG_BYTES, MP4_BYTES, OGG_BYTES, PDF_BYTES, WEBP_BYTES } from '../fixtures/media-bytes';
import { CONFORMANCE_TEMPLATES, equivalentInputs, TEMPLATE_NAMES } from './equivalent-inputs';
import type { MediaIds } from './equivalent-inputs';
import { metaSendExamples } from '../fixtures/meta-examples';
import { canonicalize, RECIPIENT, REPLY_TO, substitutePlaceholders } from './placeholders';

const examples = metaSendExamples();
const sendInput = operations['message.send'].input;

function replacementsFor(name: string, ids: MediaIds): Record<string, string> {
  return {
    '{{Recipient-Phone-Number}}': RECIPIENT,
    '<AUDIO_OBJECT_ID>': ids.audio,
    '<DOCUMENT_OBJECT_ID>': ids.document,
    '<IMAGE_OBJECT_ID>': ids.image,
    '<MEDIA_OBJECT_ID>': ids.sticker,
    '<VIDEO_OBJECT_ID>': ids.video,
    '<MSGID_OF_PREV_MSG>': REPLY_TO,
    '<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>': REPLY_TO,
    'language-and-locale-code': 'en_US',
    'template-name': TEMPLATE_NAMES[name] ?? 'template-name',
  };
}

const SOME_IDS: MediaIds = { audio: '1001', document: '1002', image: '1003', sticker: '1004', video: '1005' };
const cases = Object.entries(equivalentInputs(SOME_IDS));
const supported = cases.filter((entry): entry is [string, { input: Record<string, unknown> }] => 'input' in entry[1]);

describe("Meta's send-message examples (OpenAPI v23.0)", () => {
  it('are each either reproduced below or excluded with a reason: none is skipped silently', () => {
    expect(Object.keys(examples).filter((name) => name !== 'Send typing indicator and read receipt').sort()).toEqual(cases.map(([name]) => name).sort());
    // 37 message examples plus the read receipt below: 38 of Meta's 50 examples; 12 are commerce, Flows or a non-standard sample.
    expect(supported).toHaveLength(37);
  });

  it.each(supported)('%s is reproduced by our builder from the equivalent catalogue input', (name, { input }) => {
    const expected = canonicalize(substitutePlaceholders(examples[name], replacementsFor(name, SOME_IDS)) as Record<string, unknown>);
    const built = toCloudMessagePayload(parseInput(sendInput, input) as SendMessageInput);
    expect(canonicalize(built)).toEqual(expected);
  });

  it('reproduces the typing indicator and read receipt example', () => {
    const example = examples['Send typing indicator and read receipt'];
    const built = toCloudMarkReadPayload(parseInput(operations['message.markRead'].input, { messageId: example.message_id, typingIndicator: true }));
    expect(built).toEqual(example);
  });
});

describe("Meta's send-message examples against the sandbox, through the Cloud provider", () => {
  let sandbox: RunningSandbox;
  let provider: Provider;
  let ids: MediaIds;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pairRate: 0, mps: 0 });
    provider = createProvider({ provider: 'cloud', accessToken: sandbox.token, baseUrl: sandbox.url, phoneNumberId: sandbox.phoneNumberId, wabaId: sandbox.wabaId });
    const upload = async (data: Buffer, mimeType: string, filename: string) =>
      (await operations['media.upload'].run(provider, { data, mimeType, filename })).mediaId;
    ids = {
      audio: await upload(OGG_BYTES, 'audio/ogg', 'voice.ogg'),
      document: await upload(PDF_BYTES, 'application/pdf', 'invoice.pdf'),
      image: await upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg'),
      sticker: await upload(WEBP_BYTES, 'image/webp', 'sticker.webp'),
      video: await upload(MP4_BYTES, 'video/mp4', 'clip.mp4'),
    };
    for (const template of CONFORMANCE_TEMPLATES) await operations['template.create'].run(provider, template);
  });

  afterAll(async () => {
    await provider?.close();
    await sandbox?.close();
  });

  it.each(supported.map(([name]) => [name]))('%s is accepted', async (name) => {
    const input = (equivalentInputs(ids)[name] as { input: Record<string, unknown> }).input;
    const result = await operations['message.send'].run(provider, input);
    expect(result.status).toBe('accepted');
    expect(result.messageId).toMatch(/^wamid\./);
  });

  it('accepts the read receipt with typing indicator for a message the customer sent', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: RECIPIENT, text: 'Hello' }),
    });
    const { messageId } = (await response.json()) as { messageId: string };
    await expect(operations['message.markRead'].run(provider, { messageId, typingIndicator: true })).resolves.toEqual({ success: true });
  });
});
