import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { SandboxClient, type SendResponseBody } from './helpers/client';
import { JPEG_BYTES, MP4_BYTES, OGG_BYTES, PDF_BYTES, WEBP_BYTES } from '../fixtures/media-bytes';
import { metaSendExamples } from '../fixtures/meta-examples';

type Example = Record<string, unknown>;

const EXAMPLES: Record<string, Example> = metaSendExamples();

/** Which template each template example names once `template-name` / `<TEMPLATE_NAME>` is filled in. */
const TEMPLATE_FOR_EXAMPLE: Record<string, string> = {
  'Send Message Template Text': 'example_text_params',
  'Send Sample Shipping Confirmation Template': 'example_text_params',
  'Send Sample Text Message': 'example_text_params',
  'Send Message Template Media': 'example_media_header',
  'Send Message Template Interactive': 'example_quick_replies',
  'Send Flow Template Message': 'example_flow',
};

const BODY_WITH_THREE_PARAMS = {
  type: 'BODY',
  text: 'Hi {{1}}, your order total is {{2}}, to be delivered on {{3}}.',
  example: { body_text: [['Pablo', '$100.99', 'February 25, 1977']] },
};
const IMAGE_HEADER = { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:sandbox'] } };

/** Templates the examples name, created through the API as a client would. */
const TEMPLATES: Record<string, unknown>[] = [
  { name: 'example_text_params', category: 'UTILITY', language: 'en_US', components: [BODY_WITH_THREE_PARAMS] },
  { name: 'example_media_header', category: 'UTILITY', language: 'en_US', components: [IMAGE_HEADER, BODY_WITH_THREE_PARAMS] },
  {
    name: 'example_quick_replies',
    category: 'MARKETING',
    language: 'en_US',
    components: [
      IMAGE_HEADER,
      BODY_WITH_THREE_PARAMS,
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Track order' }, { type: 'QUICK_REPLY', text: 'Unsubscribe' }] },
    ],
  },
  {
    name: 'sample_issue_resolution',
    category: 'UTILITY',
    language: 'en_US',
    components: [
      { type: 'BODY', text: 'Hi {{1}}, were we able to solve the issue you were facing?', example: { body_text: [['Mr. Jones']] } },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }, { type: 'QUICK_REPLY', text: 'No' }] },
    ],
  },
  {
    name: 'intro_catalog_offer',
    category: 'MARKETING',
    language: 'en_US',
    components: [
      {
        type: 'BODY',
        text: 'Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off on all orders above {{2}}Rs! Valid for your first {{3}} orders placed on WhatsApp!',
        example: { body_text: [['100', '400', '3']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'CATALOG', text: 'View catalog' }] },
    ],
  },
  {
    name: 'example_flow',
    category: 'MARKETING',
    language: 'en_US',
    components: [
      { type: 'body', text: 'Check out this new offer' },
      { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Check out this offer!', flow_id: '1234567890', navigate_screen: 'WELCOME', flow_action: 'navigate' }] },
    ],
  },
];

const RECIPIENT = '16505551234';

describe("Meta's own send-message request examples are accepted", () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  let substitutions: [RegExp | string, string][];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, pairRate: 0 });
    client = new SandboxClient(sandbox);
    for (const template of TEMPLATES) await client.createTemplate(template);
    const inbound = await client.inbound({ from: RECIPIENT, text: 'Hello business' });
    substitutions = [
      ['{{Recipient-Phone-Number}}', RECIPIENT],
      ['{{Recipient-WA-Phone-Number}}', RECIPIENT],
      ['<IMAGE_OBJECT_ID>', await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg')],
      ['<AUDIO_OBJECT_ID>', await client.upload(OGG_BYTES, 'audio/ogg; codecs=opus', 'voice.ogg')],
      ['<VIDEO_OBJECT_ID>', await client.upload(MP4_BYTES, 'video/mp4', 'clip.mp4')],
      ['<DOCUMENT_OBJECT_ID>', await client.upload(PDF_BYTES, 'application/pdf', 'doc.pdf')],
      ['<MEDIA_OBJECT_ID>', await client.upload(WEBP_BYTES, 'image/webp', 'sticker.webp')],
      [/^<?http\(s\):\/\/([a-z-]+)>?$/, 'https://example.com/$1'],
      ['language-and-locale-code', 'en_US'],
      ['<HEADER_TYPE>', 'text'],
      // The read receipt example marks a customer message as read; use one the sandbox received.
      ['wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUYzMjEzNDM2RTZGQ0MzMDJBRgA=', inbound.messageId],
    ];
  });
  afterAll(() => sandbox.close());

  function substitute(value: unknown, example: string): unknown {
    if (typeof value === 'string') {
      if ((value === 'template-name' || value === '<TEMPLATE_NAME>') && TEMPLATE_FOR_EXAMPLE[example] !== undefined) {
        return TEMPLATE_FOR_EXAMPLE[example];
      }
      let result = value;
      for (const [pattern, replacement] of substitutions) {
        result = typeof pattern === 'string' ? result.split(pattern).join(replacement) : result.replace(pattern, replacement);
      }
      return result;
    }
    if (Array.isArray(value)) return value.map((item) => substitute(item, example));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, example)]));
    }
    return value;
  }

  it('has all 50 examples', () => {
    expect(Object.keys(EXAMPLES)).toHaveLength(50);
  });

  it.each(Object.keys(EXAMPLES))('%s', async (name) => {
    const reply = await client.send(substitute(EXAMPLES[name], name));
    if (reply.status !== 200) throw new Error(`${name} was rejected: ${JSON.stringify(reply.body)}`);
    if ('status' in EXAMPLES[name]) {
      expect(reply.body).toEqual({ success: true });
      return;
    }
    const body = reply.body as SendResponseBody;
    expect(body.messages[0].message_status).toBe('accepted');
    expect(body.contacts[0].wa_id).toMatch(/^\d+$/);
  });
});
