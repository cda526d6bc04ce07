import { obj, str } from '../json-read';
import type { Json } from '../json-read';

/** Finds the profile name for a message or status sender in a `contacts` list. */
export type ContactNames = (waId: string | null, userId: string | null) => string | null;

/**
 * Indexes a `contacts` list once per webhook value, so that naming each of its messages and
 * statuses is a lookup rather than a scan of the list (a scan per message is quadratic in a body
 * with thousands of both). Same answer as a scan: the first entry whose wa_id or user_id matches;
 * a lone entry without any id is taken as the sender's; an entry for someone else never is.
 */
export function indexContactNames(contacts: Json[]): ContactNames {
  const byWaId = new Map<string, number>();
  const byUserId = new Map<string, number>();
  contacts.forEach((contact, index) => {
    const waId = str(contact.wa_id);
    const userId = str(contact.user_id);
    if (waId !== null && !byWaId.has(waId)) byWaId.set(waId, index);
    if (userId !== null && !byUserId.has(userId)) byUserId.set(userId, index);
  });
  const lone = contacts.length === 1 && str(contacts[0].wa_id) === null && str(contacts[0].user_id) === null ? contacts[0] : undefined;
  return (waId, userId) => {
    const byWa = waId === null ? undefined : byWaId.get(waId);
    const byUser = userId === null ? undefined : byUserId.get(userId);
    const index = byWa === undefined ? byUser : byUser === undefined ? byWa : Math.min(byWa, byUser);
    const contact = index === undefined ? lone : contacts[index];
    return str(obj(contact?.profile)?.name);
  };
}
