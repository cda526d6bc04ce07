import type { SendMessageInput } from '../schemas/message/send-message';
import type { Capability, ProviderName } from './provider';

/** A message type, with interactive messages told apart by their own type. */
export type MessageKind =
  | Exclude<SendMessageInput['type'], 'interactive'>
  | 'interactive.button'
  | 'interactive.list'
  | 'interactive.cta_url'
  | 'interactive.location_request_message';

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'interactive.button',
  'interactive.list',
  'interactive.cta_url',
  'interactive.location_request_message',
  'template',
];

export function messageKindOf(message: SendMessageInput): MessageKind {
  if (message.type !== 'interactive') return message.type;
  // Both spellings Meta has used for location requests are one kind.
  const type = message.interactive.type === 'location_request' ? 'location_request_message' : message.interactive.type;
  return `interactive.${type}`;
}

/**
 * What a provider can do, known without building one: the n8n node shows only these operations for
 * a credential, the MCP server lists only these tools, the README prints the matrix from it. Each
 * provider's tests check that its instances have exactly these capabilities.
 */
export interface ProviderSupport {
  name: ProviderName;
  /** Human name used in messages, e.g. "Maton gateway". */
  label: string;
  capabilities: readonly Capability[];
  messageKinds: readonly MessageKind[];
  /** Whether messages may name media by an uploaded media id (else by link only). */
  mediaById: boolean;
  /** For what this provider lacks: why, and what to use instead. Shown in "not supported" errors. */
  alternatives: Readonly<Partial<Record<Capability | MessageKind, string>>>;
}

const MESSAGING: readonly Capability[] = [
  'sendMessage',
  'markRead',
  'uploadMedia',
  'getMediaInfo',
  'downloadMedia',
  'deleteMedia',
  'listTemplates',
  'getTemplateById',
  'createTemplate',
  'deleteTemplate',
  'listPhoneNumbers',
  'getPhoneNumber',
  'getBusinessProfile',
  'updateBusinessProfile',
];
/** For the connection operations on every other provider: they exist only on Maton's control API. */
const MATON_ONLY = 'Maton only manages connections to its own gateway: use a Maton API credential (MATON_API_KEY for the MCP server) for this.';
const NOT_ON_ONPREM = 'the WhatsApp On-Premises API has no such endpoint';
const ITNIO_SCOPE = 'ITNIO documents only sending messages and creating templates; use the Meta Cloud API or the ITNIO console for this.';

export const PROVIDER_SUPPORT: Readonly<Record<ProviderName, ProviderSupport>> = {
  cloud: {
    name: 'cloud',
    label: 'Meta Cloud API',
    capabilities: MESSAGING,
    messageKinds: MESSAGE_KINDS,
    mediaById: true,
    alternatives: {
      listConnections: MATON_ONLY,
      createConnection: MATON_ONLY,
      getConnection: MATON_ONLY,
      deleteConnection: MATON_ONLY,
      getHealth: 'Cloud API numbers need no client: use phoneNumber.get for the number\'s status.',
      requestRegistrationCode: 'register Cloud API numbers in WhatsApp Manager or with POST /{phone-number-id}/register.',
      verifyRegistrationCode: 'register Cloud API numbers in WhatsApp Manager or with POST /{phone-number-id}/register.',
      getApplicationSettings: 'Cloud API webhooks are configured on the Meta app (the trigger\'s automatic setup does it).',
      updateApplicationSettings: 'Cloud API webhooks are configured on the Meta app (the trigger\'s automatic setup does it).',
      checkContacts: 'the Cloud API needs no contact check: send to the phone number directly.',
    },
  },
  maton: {
    name: 'maton',
    label: 'Maton gateway',
    capabilities: [...MESSAGING.filter((capability) => capability !== 'downloadMedia'), 'listConnections', 'createConnection', 'getConnection', 'deleteConnection'],
    messageKinds: MESSAGE_KINDS,
    mediaById: true,
    alternatives: {
      downloadMedia:
        'Meta serves media files only to holders of the Meta access token, which Maton keeps to itself (its gateway proxies Graph paths, not media URLs); use the Meta Cloud API credential to download media.',
      getHealth: 'Maton numbers are Cloud API numbers: use phoneNumber.get for the number\'s status.',
      requestRegistrationCode: 'register the number in WhatsApp Manager.',
      verifyRegistrationCode: 'register the number in WhatsApp Manager.',
      getApplicationSettings: 'webhooks are configured on the Meta app, not through Maton.',
      updateApplicationSettings: 'webhooks are configured on the Meta app, not through Maton.',
      checkContacts: 'Cloud API numbers need no contact check: send to the phone number directly.',
    },
  },
  onprem: {
    name: 'onprem',
    label: 'WhatsApp On-Premises API',
    capabilities: [
      'sendMessage',
      'markRead',
      'uploadMedia',
      'downloadMedia',
      'deleteMedia',
      'getBusinessProfile',
      'updateBusinessProfile',
      'getHealth',
      'requestRegistrationCode',
      'verifyRegistrationCode',
      'getApplicationSettings',
      'updateApplicationSettings',
      'checkContacts',
    ],
    messageKinds: ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive.button', 'interactive.list', 'template'],
    mediaById: true,
    alternatives: {
      getMediaInfo: `${NOT_ON_ONPREM} (media has no URL there): use media.download, which returns the file itself.`,
      listTemplates: `${NOT_ON_ONPREM}: templates are managed in WhatsApp Manager (or with a Cloud API credential).`,
      getTemplateById: `${NOT_ON_ONPREM}: templates are managed in WhatsApp Manager (or with a Cloud API credential).`,
      createTemplate: `${NOT_ON_ONPREM}: templates are managed in WhatsApp Manager (or with a Cloud API credential).`,
      deleteTemplate: `${NOT_ON_ONPREM}: templates are managed in WhatsApp Manager (or with a Cloud API credential).`,
      listPhoneNumbers: `${NOT_ON_ONPREM}: a client serves one number; use account.getHealth for its state.`,
      getPhoneNumber: `${NOT_ON_ONPREM}: a client serves one number; use account.getHealth for its state.`,
      listConnections: MATON_ONLY,
      createConnection: MATON_ONLY,
      getConnection: MATON_ONLY,
      deleteConnection: MATON_ONLY,
      reaction: 'reactions are not in the On-Premises messages reference; send a text reply instead.',
      'interactive.cta_url': 'call-to-action URL buttons are Cloud API only; put the link in a text message (with preview) instead.',
      'interactive.location_request_message': 'location requests are Cloud API only; ask for the location in a text message instead.',
    },
  },
  itnio: {
    name: 'itnio',
    label: 'ITNIO API',
    capabilities: ['sendMessage', 'createTemplate'],
    messageKinds: [
      'text',
      'image',
      'video',
      'audio',
      'document',
      'sticker',
      'location',
      'contacts',
      'interactive.button',
      'interactive.list',
      'interactive.location_request_message',
      'template',
    ],
    mediaById: false,
    alternatives: {
      markRead: ITNIO_SCOPE,
      uploadMedia: 'ITNIO takes media by public link only: host the file at an https URL and send it by link.',
      getMediaInfo: ITNIO_SCOPE,
      downloadMedia: ITNIO_SCOPE,
      deleteMedia: ITNIO_SCOPE,
      listTemplates: ITNIO_SCOPE,
      getTemplateById: ITNIO_SCOPE,
      deleteTemplate: ITNIO_SCOPE,
      listPhoneNumbers: ITNIO_SCOPE,
      getPhoneNumber: ITNIO_SCOPE,
      getBusinessProfile: ITNIO_SCOPE,
      updateBusinessProfile: ITNIO_SCOPE,
      listConnections: MATON_ONLY,
      createConnection: MATON_ONLY,
      getConnection: MATON_ONLY,
      deleteConnection: MATON_ONLY,
      getHealth: ITNIO_SCOPE,
      requestRegistrationCode: ITNIO_SCOPE,
      verifyRegistrationCode: ITNIO_SCOPE,
      getApplicationSettings: ITNIO_SCOPE,
      updateApplicationSettings: ITNIO_SCOPE,
      checkContacts: ITNIO_SCOPE,
      reaction: 'ITNIO does not document reaction messages; send a text reply instead.',
      'interactive.cta_url': 'ITNIO does not document call-to-action URL buttons; put the link in a text message instead.',
    },
  },
};

export const PROVIDER_NAMES: readonly ProviderName[] = ['cloud', 'maton', 'onprem', 'itnio'];

/** Whether providers of this kind can run every capability in `requires`. */
export function supportsAll(name: ProviderName, requires: readonly Capability[]): boolean {
  const capabilities = PROVIDER_SUPPORT[name].capabilities;
  return requires.every((capability) => capabilities.includes(capability));
}

/** Why `name` lacks the first missing capability or kind, and what to use instead. */
export function alternativeFor(name: ProviderName, missing: Capability | MessageKind): string | null {
  return PROVIDER_SUPPORT[name].alternatives[missing] ?? null;
}
