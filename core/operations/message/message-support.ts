import { WhatsAppUnsupportedError } from '../../errors/other-errors';
import { WhatsAppValidationError } from '../../errors/validation-error';
import type { ProviderName } from '../../providers/provider';
import { messageKindOf, PROVIDER_SUPPORT } from '../../providers/support';
import type { SendMessageInput } from '../../schemas/message/send-message';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

const MEDIA_KEYS: ReadonlySet<string> = new Set(MEDIA_TYPES);

/**
 * Paths of media given by uploaded id anywhere in the message: the media message itself, an
 * interactive header or a template header parameter.
 */
function mediaIdPaths(value: unknown, path: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => mediaIdPaths(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (MEDIA_KEYS.has(key) && child !== null && typeof child === 'object' && (child as { id?: unknown }).id !== undefined) {
        found.push(`${childPath}.id`);
      } else {
        mediaIdPaths(child, childPath, found);
      }
    }
  }
  return found;
}

/**
 * Refuses, before any network call, a message the provider cannot carry: a kind it does not
 * offer (WhatsAppUnsupportedError naming what to use instead) or media by id where it takes links
 * only (a validation error on each such field).
 */
export function assertMessageSupported(name: ProviderName, label: string, message: SendMessageInput): void {
  const support = PROVIDER_SUPPORT[name];
  const kind = messageKindOf(message);
  if (!support.messageKinds.includes(kind)) {
    const alternative = support.alternatives[kind] ?? null;
    throw new WhatsAppUnsupportedError(`message.send of a ${kind} message`, label, alternative === null ? null : alternative.charAt(0).toUpperCase() + alternative.slice(1));
  }
  if (!support.mediaById) {
    const paths = mediaIdPaths(message, '');
    if (paths.length > 0) {
      throw new WhatsAppValidationError(
        paths.map((path) => ({ path, rule: `not supported by ${label}: it takes media by public https link only (use "link")` })),
        name,
      );
    }
  }
}
