/** Groups of tools an operator can offer together (`--tools messaging,inbox`). */
export const TOOLSETS = {
  messaging: 'send text, media, templates, interactive messages, locations, contacts, reactions; mark as read',
  templates: 'list, get, create and delete message templates',
  media: 'upload, get, download and delete media',
  account:
    'phone numbers and the business profile; with the On-Premises API also the client\'s health, number registration and application settings',
  contacts: 'check which phone numbers are on WhatsApp (On-Premises API)',
  connections: 'list, create, get and delete Maton connections (Maton gateway)',
  inbox: 'conversations received through webhooks, waiting for a reply; with the embedded sandbox, simulating a customer\'s message',
} as const;

export type Toolset = keyof typeof TOOLSETS;

/** The toolset names `--tools` takes, with `all`: in --help and (checked by a test) in the README. */
export const TOOLSET_NAMES: readonly string[] = [...Object.keys(TOOLSETS), 'all'];

/** One line per toolset, for --help and the README (one source, so they cannot differ). */
export function toolsetLines(): string[] {
  return [...Object.entries(TOOLSETS).map(([name, what]) => `${name}: ${what}`), 'all: every tool the provider supports'];
}
