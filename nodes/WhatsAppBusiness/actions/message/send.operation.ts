import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { MessageKind } from '../../../shared/core';
import { authenticationsFor, authenticationsSending, authenticationsWithMediaIds } from '../../../shared/provider';
import type { AuthenticationName } from '../../../shared/provider';
import { bind, toJson } from '../../helpers/binding';
import type { ItemIO } from '../../helpers/binding';
import { bool, collection, compact, entries, numeric, optField, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { perAuthentication } from '../../helpers/selectors';
import { simplifySend } from '../../helpers/simplify';
import { messageAdditionalFields, phoneNumberIdProperty, recipientProperty, simplifyProperty } from '../common.description';

/** The node's message types, each with the message kind core's support table knows it by. */
export const MESSAGE_TYPES: readonly { name: string; value: string; kind: MessageKind }[] = [
  { name: 'Text', value: 'text', kind: 'text' },
  { name: 'Image', value: 'image', kind: 'image' },
  { name: 'Audio', value: 'audio', kind: 'audio' },
  { name: 'Video', value: 'video', kind: 'video' },
  { name: 'Document', value: 'document', kind: 'document' },
  { name: 'Sticker', value: 'sticker', kind: 'sticker' },
  { name: 'Location', value: 'location', kind: 'location' },
  { name: 'Contacts', value: 'contacts', kind: 'contacts' },
  { name: 'Reply Buttons', value: 'interactiveButtons', kind: 'interactive.button' },
  { name: 'List', value: 'interactiveList', kind: 'interactive.list' },
  { name: 'Call-to-Action URL', value: 'interactiveCtaUrl', kind: 'interactive.cta_url' },
  { name: 'Location Request', value: 'interactiveLocationRequest', kind: 'interactive.location_request_message' },
  { name: 'Reaction', value: 'reaction', kind: 'reaction' },
];

/** Where media comes from; by id and from a binary field (uploaded first) only where the provider takes media ids. */
const MEDIA_SOURCES = [
  { name: 'Link', value: 'link', description: 'A public HTTPS URL WhatsApp fetches' },
  { name: 'Media ID', value: 'id', description: 'The ID of media uploaded before (or received)' },
  { name: 'Binary Field', value: 'binary', description: 'A file from the input item; uploaded first' },
];

function mediaSourceOffered(source: { value: string }, authentication: AuthenticationName): boolean {
  if (source.value === 'link') return true;
  if (!authenticationsWithMediaIds().includes(authentication)) return false;
  return source.value === 'id' || authenticationsFor('media.upload').includes(authentication);
}

const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'];
const INTERACTIVE = ['interactiveButtons', 'interactiveList', 'interactiveCtaUrl', 'interactiveLocationRequest'];
const MEDIA_HEADER_TYPES = ['image', 'video', 'document'];

const when = (messageType: string[], more: IDataObject = {}) => ({ show: { messageType, ...more } });

const properties: INodeProperties[] = [
  phoneNumberIdProperty,
  recipientProperty,
  // Only the types the chosen credential's provider sends.
  ...perAuthentication(
    {
      displayName: 'Message Type',
      name: 'messageType',
      type: 'options',
      options: [],
      default: 'text',
      description: 'What to send. Free-form messages reach a user only within 24 hours of their last message; outside it, send a template.',
    },
    MESSAGE_TYPES,
    (type, authentication) => authenticationsSending(type.kind).includes(authentication),
    ({ name, value }) => ({ name, value }),
  ),
  // Text
  {
    displayName: 'Text',
    name: 'textBody',
    type: 'string',
    typeOptions: { rows: 4 },
    required: true,
    default: '',
    description: 'Up to 4096 characters; supports WhatsApp formatting (*bold*, _italic_)',
    displayOptions: when(['text']),
  },
  {
    displayName: 'Show URL Preview',
    name: 'previewUrl',
    type: 'boolean',
    default: false,
    description: 'Whether WhatsApp shows a preview of the first URL in the text',
    displayOptions: when(['text']),
  },
  // Media
  ...perAuthentication(
    { displayName: 'Media Source', name: 'mediaSource', type: 'options', options: [], default: 'link', displayOptions: when(MEDIA) },
    MEDIA_SOURCES,
    mediaSourceOffered,
    (source) => source,
  ),
  {
    displayName: 'Link',
    name: 'mediaLink',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. https://example.com/photo.jpg',
    displayOptions: when(MEDIA, { mediaSource: ['link'] }),
  },
  {
    displayName: 'Media ID',
    name: 'mediaId',
    type: 'string',
    required: true,
    default: '',
    displayOptions: when(MEDIA, { mediaSource: ['id'] }),
  },
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    required: true,
    default: 'data',
    hint: 'The name of the input binary field containing the file to send',
    displayOptions: when(MEDIA, { mediaSource: ['binary'] }),
  },
  {
    displayName: 'Caption',
    name: 'caption',
    type: 'string',
    default: '',
    description: 'Up to 1024 characters',
    displayOptions: when(['image', 'video', 'document']),
  },
  {
    displayName: 'File Name',
    name: 'filename',
    type: 'string',
    default: '',
    placeholder: 'e.g. invoice-42.pdf',
    description: 'The name the recipient sees; for a binary field, defaults to its file name',
    displayOptions: when(['document']),
  },
  {
    displayName: 'Voice Note',
    name: 'voice',
    type: 'boolean',
    default: false,
    description: 'Whether to send the audio as a voice note (needs OGG with the Opus codec)',
    displayOptions: when(['audio']),
  },
  // Location
  {
    displayName: 'Latitude',
    name: 'latitude',
    type: 'number',
    typeOptions: { numberPrecision: 6 },
    required: true,
    default: 0,
    displayOptions: when(['location']),
  },
  {
    displayName: 'Longitude',
    name: 'longitude',
    type: 'number',
    typeOptions: { numberPrecision: 6 },
    required: true,
    default: 0,
    displayOptions: when(['location']),
  },
  {
    displayName: 'Location Name',
    name: 'locationName',
    type: 'string',
    default: '',
    displayOptions: when(['location']),
  },
  {
    displayName: 'Address',
    name: 'locationAddress',
    type: 'string',
    default: '',
    displayOptions: when(['location']),
  },
  // Contacts
  {
    displayName: 'Contacts',
    name: 'contacts',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Contact' },
    placeholder: 'Add Contact',
    default: {},
    displayOptions: when(['contacts']),
    options: [
      {
        displayName: 'Contact',
        name: 'contact',
        values: [
          { displayName: 'Birthday', name: 'birthday', type: 'string', default: '', placeholder: 'e.g. 1990-12-31' },
          { displayName: 'Company', name: 'company', type: 'string', default: '' },
          { displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
          { displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
          { displayName: 'Formatted Name', name: 'formattedName', type: 'string', default: '', description: 'Full name as shown, e.g. Ana Silva' },
          { displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
          { displayName: 'Phone', name: 'phone', type: 'string', default: '' },
          { displayName: 'URL', name: 'url', type: 'string', default: '' },
          { displayName: 'WhatsApp ID', name: 'waId', type: 'string', default: '', description: 'Digits only; adds a "Message" button to the card' },
        ],
      },
    ],
  },
  // Interactive
  {
    displayName: 'Header',
    name: 'headerType',
    type: 'options',
    options: [
      { name: 'Document', value: 'document' },
      { name: 'Image', value: 'image' },
      { name: 'None', value: 'none' },
      { name: 'Text', value: 'text' },
      { name: 'Video', value: 'video' },
    ],
    default: 'none',
    displayOptions: when(['interactiveButtons', 'interactiveCtaUrl']),
  },
  {
    displayName: 'Header Text',
    name: 'headerText',
    type: 'string',
    default: '',
    description: 'Up to 60 characters',
    displayOptions: when(['interactiveButtons', 'interactiveCtaUrl'], { headerType: ['text'] }),
  },
  ...perAuthentication(
    {
      displayName: 'Header Media Source',
      name: 'headerMediaSource',
      type: 'options',
      options: [],
      default: 'link',
      displayOptions: when(['interactiveButtons', 'interactiveCtaUrl'], { headerType: MEDIA_HEADER_TYPES }),
    },
    MEDIA_SOURCES.filter((source) => source.value !== 'binary'),
    mediaSourceOffered,
    ({ name, value }) => ({ name, value }),
  ),
  {
    displayName: 'Header Media',
    name: 'headerMedia',
    type: 'string',
    required: true,
    default: '',
    description: 'The link or media ID of the header file',
    displayOptions: when(['interactiveButtons', 'interactiveCtaUrl'], { headerType: MEDIA_HEADER_TYPES }),
  },
  {
    displayName: 'Header File Name',
    name: 'headerFilename',
    type: 'string',
    default: '',
    displayOptions: when(['interactiveButtons', 'interactiveCtaUrl'], { headerType: ['document'] }),
  },
  {
    displayName: 'Header Text',
    name: 'listHeaderText',
    type: 'string',
    default: '',
    description: 'Optional; up to 60 characters',
    displayOptions: when(['interactiveList']),
  },
  {
    displayName: 'Body Text',
    name: 'bodyText',
    type: 'string',
    typeOptions: { rows: 3 },
    required: true,
    default: '',
    description: 'Up to 1024 characters',
    displayOptions: when(INTERACTIVE),
  },
  {
    displayName: 'Footer Text',
    name: 'footerText',
    type: 'string',
    default: '',
    description: 'Optional; up to 60 characters',
    displayOptions: when(['interactiveButtons', 'interactiveList', 'interactiveCtaUrl']),
  },
  {
    displayName: 'Buttons',
    name: 'replyButtons',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button', maxAllowedFields: 3 },
    placeholder: 'Add Button',
    default: {},
    description: '1 to 3 reply buttons; the tapped button comes back in the trigger as a button reply with its ID',
    displayOptions: when(['interactiveButtons']),
    options: [
      {
        displayName: 'Button',
        name: 'button',
        values: [
          { displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Returned when tapped; up to 256 characters, unique' },
          { displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Shown on the button; up to 20 characters, unique' },
        ],
      },
    ],
  },
  {
    displayName: 'List Button Text',
    name: 'listButtonText',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. Options',
    description: 'The button that opens the list; up to 20 characters',
    displayOptions: when(['interactiveList']),
  },
  {
    displayName: 'Rows',
    name: 'listRows',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Row' },
    placeholder: 'Add Row',
    default: {},
    description:
      'Up to 10 rows. Rows with the same Section title are grouped into one section, in the order the sections first appear; titles are required when there is more than one section.',
    displayOptions: when(['interactiveList']),
    options: [
      {
        displayName: 'Row',
        name: 'row',
        values: [
          { displayName: 'Section', name: 'section', type: 'string', default: '', description: 'Title of the section this row belongs to (up to 24 characters)' },
          { displayName: 'ID', name: 'id', type: 'string', default: '', description: 'Returned when chosen; up to 200 characters, unique' },
          { displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Up to 24 characters' },
          { displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Optional; up to 72 characters' },
        ],
      },
    ],
  },
  {
    displayName: 'Button Text',
    name: 'ctaDisplayText',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. Track order',
    description: 'Up to 20 characters',
    displayOptions: when(['interactiveCtaUrl']),
  },
  {
    displayName: 'URL',
    name: 'ctaUrl',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. https://example.com/orders/42',
    displayOptions: when(['interactiveCtaUrl']),
  },
  // Reaction
  {
    displayName: 'Message ID',
    name: 'reactionMessageId',
    type: 'string',
    required: true,
    default: '',
    description: 'The ID (wamid) of the message to react to',
    displayOptions: when(['reaction']),
  },
  {
    displayName: 'Emoji',
    name: 'emoji',
    type: 'string',
    default: '',
    placeholder: 'e.g. 👍',
    description: 'A single emoji; leave empty to remove your reaction',
    displayOptions: when(['reaction']),
  },
  messageAdditionalFields,
  simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, properties);

interface MediaSourceNames {
  source: string;
  link: string;
  id: string;
}

/** A media object `{link}` or `{id}` (uploading a binary field first). */
async function mediaObject(get: ParamReader, io: ItemIO, phoneNumberId: string | undefined): Promise<{ media: IDataObject; fileName?: string }> {
  const source = str(get, 'mediaSource', 'link');
  if (source === 'binary') {
    const { mediaId, fileName } = await io.uploadBinary(str(get, 'binaryPropertyName', 'data'), phoneNumberId);
    return { media: { id: mediaId }, fileName };
  }
  return { media: source === 'id' ? { id: str(get, 'mediaId').trim() } : { link: str(get, 'mediaLink').trim() } };
}

const HEADER: MediaSourceNames = { source: 'headerMediaSource', link: 'headerMedia', id: 'headerMedia' };

function interactiveHeader(get: ParamReader): IDataObject | undefined {
  const type = str(get, 'headerType', 'none');
  if (type === 'none') return undefined;
  if (type === 'text') return { type: 'text', text: str(get, 'headerText') };
  const value = str(get, HEADER.link).trim();
  const media: IDataObject = str(get, HEADER.source, 'link') === 'id' ? { id: value } : { link: value };
  if (type === 'document') {
    const filename = optStr(get, 'headerFilename');
    if (filename !== undefined) media.filename = filename;
  }
  return { type, [type]: media };
}

function footer(get: ParamReader): IDataObject | undefined {
  const text = optStr(get, 'footerText');
  return text === undefined ? undefined : { text };
}

/** Rows grouped into sections by their Section title, in order of first appearance. */
export function listSections(rows: IDataObject[]): IDataObject[] {
  const sections = new Map<string, IDataObject[]>();
  for (const row of rows) {
    const section = optField(row, 'section') ?? '';
    const list = sections.get(section) ?? [];
    list.push(compact({ id: optField(row, 'id') ?? '', title: optField(row, 'title') ?? '', description: optField(row, 'description') }));
    sections.set(section, list);
  }
  return [...sections.entries()].map(([title, sectionRows]) => compact({ title: title === '' ? undefined : title, rows: sectionRows }));
}

function contactCard(contact: IDataObject): IDataObject {
  const phone = optField(contact, 'phone');
  const email = optField(contact, 'email');
  const company = optField(contact, 'company');
  const url = optField(contact, 'url');
  return compact({
    name: compact({
      formattedName: optField(contact, 'formattedName') ?? '',
      firstName: optField(contact, 'firstName'),
      lastName: optField(contact, 'lastName'),
    }),
    phones: phone === undefined ? undefined : [compact({ phone, waId: optField(contact, 'waId') })],
    emails: email === undefined ? undefined : [{ email }],
    org: company === undefined ? undefined : { company },
    urls: url === undefined ? undefined : [{ url }],
    birthday: optField(contact, 'birthday'),
  });
}

/** The message content for `messageType`: `{type, [type]: ...}` as core's message.send expects. */
async function content(get: ParamReader, io: ItemIO, phoneNumberId: string | undefined): Promise<IDataObject> {
  const messageType = str(get, 'messageType', 'text');
  switch (messageType) {
    case 'text':
      return { type: 'text', text: compact({ body: str(get, 'textBody'), previewUrl: bool(get, 'previewUrl') || undefined }) };
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker': {
      const { media, fileName } = await mediaObject(get, io, phoneNumberId);
      if (messageType === 'image' || messageType === 'video' || messageType === 'document') {
        const caption = optStr(get, 'caption');
        if (caption !== undefined) media.caption = caption;
      }
      if (messageType === 'document') {
        const filename = optStr(get, 'filename') ?? fileName;
        if (filename !== undefined) media.filename = filename;
      }
      if (messageType === 'audio' && bool(get, 'voice')) media.voice = true;
      return { type: messageType, [messageType]: media };
    }
    case 'location':
      return {
        type: 'location',
        location: compact({
          latitude: numeric(get, 'latitude'),
          longitude: numeric(get, 'longitude'),
          name: optStr(get, 'locationName'),
          address: optStr(get, 'locationAddress'),
        }),
      };
    case 'contacts':
      return { type: 'contacts', contacts: entries(get, 'contacts', 'contact').map(contactCard) };
    case 'interactiveButtons':
      return {
        type: 'interactive',
        interactive: compact({
          type: 'button',
          header: interactiveHeader(get),
          body: { text: str(get, 'bodyText') },
          footer: footer(get),
          action: {
            buttons: entries(get, 'replyButtons', 'button').map((button) => ({ id: optField(button, 'id') ?? '', title: optField(button, 'title') ?? '' })),
          },
        }),
      };
    case 'interactiveList': {
      const headerText = optStr(get, 'listHeaderText');
      return {
        type: 'interactive',
        interactive: compact({
          type: 'list',
          header: headerText === undefined ? undefined : { type: 'text', text: headerText },
          body: { text: str(get, 'bodyText') },
          footer: footer(get),
          action: { button: str(get, 'listButtonText'), sections: listSections(entries(get, 'listRows', 'row')) },
        }),
      };
    }
    case 'interactiveCtaUrl':
      return {
        type: 'interactive',
        interactive: compact({
          type: 'cta_url',
          header: interactiveHeader(get),
          body: { text: str(get, 'bodyText') },
          footer: footer(get),
          action: { displayText: str(get, 'ctaDisplayText'), url: str(get, 'ctaUrl').trim() },
        }),
      };
    case 'interactiveLocationRequest':
      return { type: 'interactive', interactive: { type: 'location_request', body: { text: str(get, 'bodyText') } } };
    case 'reaction':
      return { type: 'reaction', reaction: compact({ messageId: str(get, 'reactionMessageId').trim(), emoji: optStr(get, 'emoji') }) };
    default:
      // Core names the field and lists the types it accepts.
      return { type: messageType };
  }
}

/** Envelope fields every send shares: recipient, sender, reply-to and callback data. */
export function envelope(get: ParamReader): IDataObject {
  const additional = collection(get, 'additionalFields');
  return compact({
    to: str(get, 'to'),
    phoneNumberId: optStr(get, 'phoneNumberId'),
    replyTo: optField(additional, 'replyTo'),
    bizOpaqueCallbackData: optField(additional, 'bizOpaqueCallbackData'),
  });
}

/** Node parameters to core's message.send input (binary media is uploaded first). */
export async function toInput(get: ParamReader, io: ItemIO): Promise<IDataObject> {
  const base = envelope(get);
  const phoneNumberId = typeof base.phoneNumberId === 'string' ? base.phoneNumberId : undefined;
  return { ...base, ...(await content(get, io, phoneNumberId)) };
}

export const action = bind({
  operation: 'message.send',
  toInput,
  toOutput: (result, get) => [{ json: bool(get, 'simplify', true) ? simplifySend(result) : toJson(result) }],
});
