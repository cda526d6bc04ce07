import { RECIPIENT, REPLY_TO } from './placeholders';

export interface MediaIds {
  audio: string;
  document: string;
  image: string;
  sticker: string;
  video: string;
}

/** Meta's example names (the keys of send_message_examples) mapped to what we do with them. */
export type Case = { input: Record<string, unknown> } | { excluded: string };

const link = (what: string) => `https://example.com/media/${what}`;
const withReply = (input: Record<string, unknown>) => ({ ...input, replyTo: REPLY_TO });

const contactCard = {
  addresses: [
    { city: 'Menlo Park', country: 'United States', countryCode: 'us', state: 'CA', street: '1 Hacker Way', type: 'HOME', zip: '94025' },
    { city: 'Menlo Park', country: 'United States', countryCode: 'us', state: 'CA', street: '200 Jefferson Dr', type: 'WORK', zip: '94025' },
  ],
  birthday: '2012-08-18',
  emails: [
    { email: 'test@fb.com', type: 'WORK' },
    { email: 'test@whatsapp.com', type: 'HOME' },
  ],
  name: { firstName: 'John', formattedName: 'John Smith', lastName: 'Smith', middleName: 'D.', prefix: 'Dr', suffix: 'Jr' },
  org: { company: 'WhatsApp', department: 'Design', title: 'Manager' },
  phones: [
    { phone: '+1 (940) 555-1234', type: 'HOME' },
    { phone: '+1 (650) 555-1234', type: 'WORK', waId: '16505551234' },
  ],
  urls: [
    { type: 'WORK', url: 'https://www.facebook.com' },
    { type: 'HOME', url: 'https://www.whatsapp.com' },
  ],
};

const list = {
  type: 'list',
  header: { type: 'text', text: '<HEADER_TEXT>' },
  body: { text: '<BODY_TEXT>' },
  footer: { text: '<FOOTER_TEXT>' },
  action: {
    button: '<BUTTON_TEXT>',
    sections: [1, 2].map((s) => ({
      title: `<LIST_SECTION_${s}_TITLE>`,
      rows: [1, 2].map((r) => ({ id: `<LIST_SECTION_${s}_ROW_${r}_ID>`, title: `<SECTION_${s}_ROW_${r}_TITLE>`, description: `<SECTION_${s}_ROW_${r}_DESC>` })),
    })),
  },
};

const threeBodyParameters = [
  'text-string',
  { type: 'currency', fallbackValue: '$100.99', code: 'USD', amount1000: 100990 },
  { type: 'date_time', fallbackValue: 'February 25, 1977', calendar: 'GREGORIAN', dayOfMonth: 25, dayOfWeek: 5, hour: 15, minute: 33, month: 2, year: 1977 },
];

/** Template names given to the examples' `template-name` placeholder, one per template shape. */
export const TEMPLATE_NAMES: Record<string, string> = {
  'Send Message Template Text': 'conformance_three_params',
  'Send Sample Shipping Confirmation Template': 'conformance_three_params',
  'Send Sample Text Message': 'conformance_three_params',
  'Send Message Template Media': 'conformance_image_header',
  'Send Message Template Interactive': 'conformance_quick_replies',
};

export function equivalentInputs(ids: MediaIds): Record<string, Case> {
  const to = RECIPIENT;
  const audioById = { to, type: 'audio', audio: { id: ids.audio } };
  const audioByUrl = { to, type: 'audio', audio: { link: link('audio-url') } };
  const documentById = { to, type: 'document', document: { caption: '<DOCUMENT_CAPTION_TO_SEND>', filename: '<DOCUMENT_FILENAME>', id: ids.document } };
  const imageById = { to, type: 'image', image: { id: ids.image } };
  const imageByUrl = { to, type: 'image', image: { link: link('image-url') } };
  const stickerById = { to, type: 'sticker', sticker: { id: ids.sticker } };
  const stickerByUrl = { to, type: 'sticker', sticker: { link: link('sticker-url') } };
  const videoById = { to, type: 'video', video: { caption: '<VIDEO_CAPTION_TEXT>', id: ids.video } };
  const videoByUrl = { to, type: 'video', video: { caption: '<VIDEO_CAPTION_TEXT>', link: link('video-url') } };
  const location = { to, type: 'location', location: { address: '1 Hacker Way, Menlo Park, CA 94025', latitude: 37.758056, longitude: -122.425332, name: 'META HQ' } };
  const templateBody = (name: string, recipient = to) => ({ to: recipient, type: 'template', template: { name, language: 'en_US', body: threeBodyParameters } });
  const notOurs = (what: string) => ({ excluded: `${what}: not a message type of the catalogue (commerce / Flows are out of scope)` });

  return {
    'Send Audio Message by ID': { input: audioById },
    'Send Audio Message by URL': { input: audioByUrl },
    'Send Catalog Message': notOurs('interactive catalog_message'),
    'Send Catalog Template Message': notOurs('template CATALOG button'),
    'Send Contact Message': { input: { to, type: 'contacts', contacts: [contactCard] } },
    'Send Document Message by ID': { input: documentById },
    'Send Document Message by URL': { input: { to, type: 'document', document: { caption: '<DOCUMENT-CAPTION-TEXT>', link: link('document-url') } } },
    'Send Draft Flow by ID': notOurs('interactive flow'),
    'Send Draft Flow by Name': notOurs('interactive flow'),
    'Send Flow Template Message': notOurs('template flow button'),
    'Send Image Message by ID': { input: imageById },
    'Send Image Message by URL': { input: imageByUrl },
    'Send List Message': { input: { to, type: 'interactive', interactive: list } },
    'Send Location Message': { input: location },
    'Send Message Template Interactive': {
      input: {
        to,
        type: 'template',
        template: {
          name: TEMPLATE_NAMES['Send Message Template Interactive'],
          language: 'en_US',
          header: { type: 'image', image: { link: link('the-image-url') } },
          body: threeBodyParameters,
          buttons: [
            { type: 'quick_reply', index: 0, payload: 'aGlzIHRoaXMgaXMgY29v' },
            { type: 'quick_reply', index: 1, payload: '9rwnB8RbYmPF5t2Mn09x4h' },
          ],
        },
      },
    },
    'Send Message Template Media': {
      input: {
        to,
        type: 'template',
        template: {
          name: TEMPLATE_NAMES['Send Message Template Media'],
          language: 'en_US',
          header: { type: 'image', image: { link: link('the-image-url') } },
          body: threeBodyParameters,
        },
      },
    },
    'Send Message Template Text': { input: templateBody(TEMPLATE_NAMES['Send Message Template Text']) },
    'Send Multi-Product Message': notOurs('interactive product_list'),
    'Send Order Details Message': notOurs('interactive order_details'),
    'Send Order Status Message': notOurs('interactive order_status'),
    'Send Published Flow by ID': notOurs('interactive flow'),
    'Send Published Flow by Name': notOurs('interactive flow'),
    'Send Reply Button': {
      input: {
        to,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: '<BUTTON_TEXT>' },
          action: { buttons: [1, 2].map((n) => ({ id: `<UNIQUE_BUTTON_ID_${n}>`, title: `<BUTTON_TITLE_${n}>` })) },
        },
      },
    },
    'Send Reply to Audio Message by ID': { input: withReply(audioById) },
    'Send Reply to Audio Message by URL': { input: withReply(audioByUrl) },
    'Send Reply to Contact Message': { input: withReply({ to, type: 'contacts', contacts: [contactCard] }) },
    'Send Reply to Document Message by ID': { input: withReply(documentById) },
    'Send Reply to Document Message by URL': { input: withReply({ to, type: 'document', document: { caption: '<DOCUMENT_CAPTION_TEXT>', link: link('document-url') } }) },
    'Send Reply to Image Message by ID': { input: withReply(imageById) },
    'Send Reply to Image Message by URL': { input: withReply(imageByUrl) },
    'Send Reply to List Message': { input: withReply({ to, type: 'interactive', interactive: list }) },
    'Send Reply to Location Message': { input: withReply(location) },
    'Send Reply to Sticker Message by ID': { input: withReply(stickerById) },
    'Send Reply to Sticker Message by URL': { input: withReply(stickerByUrl) },
    'Send Reply to Text Message': { input: withReply({ to, type: 'text', text: { body: '<TEXT_MSG_CONTENT>', previewUrl: false } }) },
    'Send Reply to Video Message by ID': { input: withReply(videoById) },
    'Send Reply to Video Message by URL': { input: withReply(videoByUrl) },
    'Send Reply with Reaction Message': { input: { to, type: 'reaction', reaction: { messageId: 'wamid.HBgLM...', emoji: '\u{1F600}' } } },
    'Send Sample Issue Resolution Template': {
      excluded: 'its quick_reply buttons carry boolean `text` parameters; the catalogue sends quick replies with a payload, as Meta documents them',
    },
    'Send Sample Shipping Confirmation Template': { input: templateBody(TEMPLATE_NAMES['Send Sample Shipping Confirmation Template'], '16315555555') },
    'Send Sample Text Message': { input: templateBody(TEMPLATE_NAMES['Send Sample Text Message'], '16315555555') },
    'Send Single Product Message': notOurs('interactive product'),
    'Send Sticker Message by ID': { input: stickerById },
    'Send Sticker Message by URL': { input: stickerByUrl },
    'Send Test Message': { input: { to, type: 'template', template: { name: 'hello_world', language: 'en_US' } } },
    'Send Text Message': { input: { to, type: 'text', text: { body: 'text-message-content', previewUrl: false } } },
    'Send Text Message with Preview URL': { input: { to, type: 'text', text: { body: 'Please visit https://youtu.be/hpltvTEiRrY.', previewUrl: true } } },
    'Send Video Message by ID': { input: videoById },
    'Send Video Message by URL': { input: videoByUrl },
  };
}

/** The template definitions the template examples need, created through template.create. */
export const CONFORMANCE_TEMPLATES = [
  {
    name: 'conformance_three_params',
    category: 'UTILITY',
    language: 'en_US',
    components: [
      { type: 'BODY', text: 'Hi {{1}}, your total is {{2}}, delivery on {{3}}.', example: { body_text: [['Pablo', '$100.99', 'February 25, 1977']] } },
    ],
  },
  {
    name: 'conformance_image_header',
    category: 'MARKETING',
    language: 'en_US',
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:conformance'] } },
      { type: 'BODY', text: 'Hi {{1}}, your total is {{2}}, delivery on {{3}}.', example: { body_text: [['Pablo', '$100.99', 'February 25, 1977']] } },
    ],
  },
  {
    name: 'conformance_quick_replies',
    category: 'MARKETING',
    language: 'en_US',
    components: [
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:conformance'] } },
      { type: 'BODY', text: 'Hi {{1}}, your total is {{2}}, delivery on {{3}}.', example: { body_text: [['Pablo', '$100.99', 'February 25, 1977']] } },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Yes' }, { type: 'QUICK_REPLY', text: 'No' }] },
    ],
  },
];
