import type { INodeProperties } from 'n8n-workflow';
import { authenticationProperty } from '../shared/provider';
import { META_AUTHENTICATIONS } from './source';

/** What the Events parameter offers, and which core event kinds each choice lets through. */
export const EVENT_CHOICES = {
  messages: { name: 'Messages', kinds: ['message'], fields: ['messages'], description: 'Messages customers send' },
  statuses: {
    name: 'Message Statuses',
    kinds: ['status'],
    fields: ['messages'],
    description: 'Sent, delivered, read and failed updates of messages you sent',
  },
  templateStatus: {
    name: 'Template Updates',
    kinds: ['template_status', 'template_quality', 'template_category'],
    fields: ['message_template_status_update', 'message_template_quality_update', 'template_category_update'],
    description: 'A template was approved, rejected, paused, re-categorised or its quality changed',
  },
  accountUpdates: {
    name: 'Account and Quality Updates',
    kinds: ['account_update', 'phone_number_quality', 'phone_number_name'],
    fields: ['account_update', 'phone_number_quality_update', 'phone_number_name_update'],
    description: 'Account reviews and restrictions, phone number quality and display name decisions',
  },
  errors: {
    name: 'Errors',
    kinds: ['error'],
    fields: ['messages'],
    description: 'Errors Meta reports for the phone number outside any message',
  },
  other: {
    name: 'Other',
    kinds: ['group', 'unknown'],
    fields: [],
    description: 'Group events and anything the node does not recognise (raw payload kept)',
  },
} as const;

export type EventChoice = keyof typeof EVENT_CHOICES;

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'failed', 'played', 'deleted'] as const;

export const MESSAGE_TYPES = [
  'audio',
  'button',
  'contacts',
  'document',
  'image',
  'interactive',
  'location',
  'order',
  'reaction',
  'request_welcome',
  'sticker',
  'system',
  'text',
  'unsupported',
  'video',
] as const;

function titleCase(value: string): string {
  return value.replace(/_/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase());
}

const meta = { authentication: [...META_AUTHENTICATIONS] };

export const triggerProperties: INodeProperties[] = [
  {
    ...authenticationProperty,
    description:
      "Where the webhooks come from, with the credential that goes with it. Cloud API and Maton: Meta's signed webhooks (the WhatsApp Webhook credential checks them). On-Premises: your client's webhooks. ITNIO: its callbacks, passed through.",
  },
  {
    displayName: 'Setup Mode',
    name: 'setupMode',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Automatic',
        value: 'automatic',
        description:
          "On activation, registers this workflow's URL as the Meta app's webhook and subscribes the WhatsApp Business Account to the app; removes both on deactivation. One workflow per app.",
      },
      {
        name: 'Manual',
        value: 'manual',
        description:
          'You paste the URL and your verify token into the App Dashboard yourself. Several workflows can share one app by filtering on phone number IDs.',
      },
    ],
    default: 'automatic',
    displayOptions: { show: meta },
  },
  {
    displayName: 'Setup Mode',
    name: 'setupMode',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Automatic',
        value: 'automatic',
        description:
          "On activation, sets the client's webhook URL (application settings) to this workflow's production URL, with the credential's Webhook Secret as ?token=; on deactivation puts back the URL that was there before (if there was none, the client keeps this one)",
      },
      {
        name: 'Manual',
        value: 'manual',
        description: "You set the client's webhook URL yourself (application settings, or the node's Account > Update Settings)",
      },
    ],
    default: 'manual',
    displayOptions: { show: { authentication: ['onPremisesApi'] } },
  },
  {
    displayName:
      'In the Meta App Dashboard go to WhatsApp > Configuration and set <b>Callback URL</b> to this node\'s Production URL (see "Webhook URLs" above) and <b>Verify token</b> to the Verify Token of the WhatsApp Webhook credential, then subscribe to the fields you need (messages, message_template_status_update, ...). The WhatsApp Business Account must also be subscribed to the app (its subscribed_apps edge). Meta only calls https URLs.',
    name: 'manualNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { setupMode: ['manual'], ...meta } },
  },
  {
    displayName:
      'On activation the Meta app\'s webhook is pointed at this workflow (HTTPS only) and the WhatsApp Business Account of the Cloud API credential is subscribed to the app. A Meta app has one webhook URL: if another URL owns it, activation fails and says which; use "Manual" to share an app.',
    name: 'automaticNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { setupMode: ['automatic'], ...meta } },
  },
  {
    displayName:
      'On-Premises webhooks are not signed. Set a Webhook Secret in the credential and give the client this node\'s Production URL with ?token=&lt;secret&gt; appended (Automatic does it for you); requests without it get 401. Without a Webhook Secret every request to the URL starts the workflow. The client posts its flat payloads (messages, statuses, errors), turned into the same items as Meta\'s. The client only calls https URLs.',
    name: 'onPremisesNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { authentication: ['onPremisesApi'] } },
  },
  {
    displayName:
      'ITNIO does not publish its callback format or signature. Give ITNIO this node\'s Production URL (with ?token=&lt;Webhook Secret of the credential&gt; when you set one; requests without it then get 401; without a Webhook Secret every request starts the workflow). Callbacks in Meta\'s webhook shape become one item per event, filtered below; anything else becomes one item {kind: "raw", body} with the body as received, whatever the filters.',
    name: 'itnioNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { authentication: ['itnioApi'] } },
  },
  {
    displayName: 'Events',
    name: 'events',
    type: 'multiOptions',
    options: Object.entries(EVENT_CHOICES).map(([value, choice]) => ({ name: choice.name, value, description: choice.description })),
    default: ['messages'],
    required: true,
    description: 'Which events start the workflow; each event is one item',
  },
  {
    displayName: 'Status Values',
    name: 'statusValues',
    type: 'multiOptions',
    options: STATUS_VALUES.map((value) => ({ name: titleCase(value), value })),
    default: [],
    description: 'Only these message statuses; none selected means all',
    displayOptions: { show: { events: ['statuses'] } },
  },
  {
    displayName: 'Message Types',
    name: 'messageTypes',
    type: 'multiOptions',
    options: MESSAGE_TYPES.map((value) => ({ name: titleCase(value), value })),
    default: [],
    description: 'Only messages of these types; none selected means all',
    displayOptions: { show: { events: ['messages'] } },
  },
  {
    displayName: 'Phone Number IDs',
    name: 'phoneNumberIds',
    type: 'string',
    default: '',
    placeholder: 'e.g. 106540352242922, 106540352242923',
    description:
      'Comma-separated phone number IDs (not phone numbers) whose events start this workflow; empty means all. Account-wide events (templates, account updates) carry no phone number ID and are not filtered by this.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Download Media',
        name: 'downloadMedia',
        type: 'boolean',
        default: false,
        description:
          "Whether to download the image, audio, video, document or sticker of an inbound message into a binary property (with the node's credential, where its provider can download media). A failed download keeps the event and sets mediaError.",
      },
      {
        displayName: 'Put Media in Field',
        name: 'binaryPropertyName',
        type: 'string',
        default: 'data',
        description: 'Name of the binary property that receives the downloaded media',
      },
      {
        displayName: 'Ignore Repeats for (Minutes)',
        name: 'dedupeWindowMinutes',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 1440,
        description:
          'Meta redelivers webhooks. A message ID, or a status ID with its status, already emitted within this many minutes is not emitted again (the last 2000 are remembered). 0 turns this off.',
      },
    ],
  },
];
