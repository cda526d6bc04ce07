/** Groups of tools an operator can offer together (`--tools messaging,inbox`). */
export const TOOLSETS = {
  messaging: 'send text, media, templates, interactive messages, locations, contacts, reactions; mark as read',
  templates: 'list, get, create and delete message templates',
  media: 'upload, get, download and delete media',
  account: 'phone numbers and the business profile',
  inbox: 'conversations received through webhooks, and waiting for a reply',
} as const;

export type Toolset = keyof typeof TOOLSETS;
