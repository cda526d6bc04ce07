import type { EventOrigin } from './blank-event';
import { blankEvent } from './blank-event';
import { toErrorDetails } from './common-parts';
import type { WebhookEvent } from './event';
import { fingerprint } from './fingerprint';
import { normalizeFieldChange } from './normalize-field';
import { normalizeMessage } from './normalize-message';
import { normalizeStatus } from './normalize-status';
import { list, num, obj, objects, str } from '../json-read';
import type { Json } from '../json-read';

function unknownEvent(raw: unknown, origin: EventOrigin): WebhookEvent {
  const event = blankEvent('unknown', origin, raw);
  event.dedupeKey = `unknown:${fingerprint(raw)}`;
  return event;
}

/** Events of a `messages` value: every message, every status, every value-level error. */
function normalizeMessagesValue(value: Json, origin: EventOrigin): WebhookEvent[] {
  const contacts = objects(value.contacts);
  const events: WebhookEvent[] = [];
  for (const message of list(value.messages)) {
    const m = obj(message);
    events.push(m === null ? unknownEvent(message, origin) : normalizeMessage(m, contacts, origin));
  }
  for (const status of list(value.statuses)) {
    const s = obj(status);
    events.push(s === null ? unknownEvent(status, origin) : normalizeStatus(s, contacts, origin));
  }
  for (const error of toErrorDetails(value.errors)) {
    const event = blankEvent('error', origin, value);
    event.errors = [error];
    event.dedupeKey = `error:${fingerprint([value, error])}`;
    events.push(event);
  }
  // A change we could not read anything from is still reported, never dropped.
  return events.length > 0 ? events : [unknownEvent(value, origin)];
}

/** Top-level parts of a flat On-Premises webhook; `meta` only describes the client. */
const FLAT_KEYS: ReadonlySet<string> = new Set(['contacts', 'messages', 'statuses', 'errors', 'meta']);

/**
 * The On-Premises client posts the `messages` value itself, without entry/changes and without the
 * receiving number's metadata (so phone number id and display number stay null). Parts it does not
 * document are reported as one "unknown" event rather than dropped.
 */
function normalizeFlat(root: Json): WebhookEvent[] {
  const origin = originOf({}, 'messages', root);
  const events = normalizeMessagesValue(root, origin);
  const rest = Object.entries(root).filter(([key]) => !FLAT_KEYS.has(key));
  if (rest.length > 0) events.push(unknownEvent(Object.fromEntries(rest), origin));
  return events;
}

function originOf(entry: Json, field: string | null, value: Json | null): EventOrigin {
  const metadata = obj(value?.metadata);
  return {
    field,
    wabaId: str(entry.id),
    phoneNumberId: str(metadata?.phone_number_id),
    displayPhoneNumber: str(metadata?.display_phone_number),
    entryTime: num(entry.time),
  };
}

/**
 * Turns a webhook body into a flat list of events: one per inbound message, per status and per other
 * field change, across every entry and change. Accepts the parsed body, its raw text or bytes, and
 * the flat On-Premises shape (`{messages, statuses, contacts}` without `entry`). Never throws: what it
 * cannot read becomes an event of kind "unknown" carrying the raw payload.
 */
export function normalizeWebhook(body: unknown): WebhookEvent[] {
  let parsed: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    try {
      parsed = JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body));
    } catch {
      return [unknownEvent(typeof body === 'string' ? body : '<binary>', originOf({}, null, null))];
    }
  }
  const root = obj(parsed);
  if (root === null) return [unknownEvent(parsed, originOf({}, null, null))];
  if (!Array.isArray(root.entry)) {
    const flat = ['messages', 'statuses', 'errors'].some((key) => Array.isArray(root[key]));
    return flat ? normalizeFlat(root) : [unknownEvent(root, originOf({}, null, null))];
  }
  const events: WebhookEvent[] = [];
  for (const rawEntry of root.entry) {
    const entry = obj(rawEntry);
    if (entry === null) {
      events.push(unknownEvent(rawEntry, originOf({}, null, null)));
      continue;
    }
    // An entry without a list of changes is reported rather than silently skipped.
    if (!Array.isArray(entry.changes)) events.push(unknownEvent(entry, originOf(entry, null, null)));
    for (const rawChange of list(entry.changes)) {
      const change = obj(rawChange);
      const field = str(change?.field);
      const value = obj(change?.value);
      const origin = originOf(entry, field, value);
      if (value === null) events.push(unknownEvent(rawChange, origin));
      else if (field === 'messages') events.push(...normalizeMessagesValue(value, origin));
      else events.push(...normalizeFieldChange(value, origin));
    }
  }
  return events;
}
