/** Groups of tools an operator can offer together (`--tools messaging,inbox`). */
export const TOOLSETS = {
  messaging: 'send text, media, templates, interactive messages, locations, contacts, reactions; mark as read',
  templates: 'list, get, create and delete message templates',
  media: 'upload, get, download and delete media',
  account:
    'phone numbers and the business profile; with the On-Premises API also the client\'s health, number registration and application settings',
  contacts: 'check which phone numbers are on WhatsApp (On-Premises API)',
  connections: 'list, create, get and delete Maton connections (Maton gateway)',
  inbox: 'conversations received through webhooks, and waiting for a reply',
} as const;

export type Toolset = keyof typeof TOOLSETS;
