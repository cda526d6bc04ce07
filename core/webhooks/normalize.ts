import type { EventOrigin } from './blank-event';
import { blankEvent } from './blank-event';
import { toErrorDetails } from './common-parts';
import { indexContactNames } from './contact-names';
import type { WebhookEvent } from './event';
import { createFingerprinter } from './fingerprint';
import type { Fingerprinter } from './fingerprint';
import { normalizeFieldChange } from './normalize-field';
import { normalizeMessage } from './normalize-message';
import { normalizeStatus } from './normalize-status';
import { MAX_WEBHOOK_DEPTH, readWebhookBody } from './webhook-body';
import { list, num, obj, objects, str } from '../json-read';
import type { Json } from '../json-read';

const NO_ORIGIN: EventOrigin = { field: null, wabaId: null, phoneNumberId: null, displayPhoneNumber: null, entryTime: null };

function unknownEvent(raw: unknown, origin: EventOrigin, fingerprint: Fingerprinter): WebhookEvent {
  const event = blankEvent('unknown', origin, raw);
  event.dedupeKey = `unknown:${fingerprint(raw)}`;
  return event;
}

/** A body too deep to read safely: reported with the reason, its JSON text kept in raw. */
function tooDeepEvent(text: string, fingerprint: Fingerprinter): WebhookEvent {
  const event = unknownEvent(text, NO_ORIGIN, fingerprint);
  event.errors = [
    {
      code: null,
      title: 'Webhook body nested too deep',
      message: `The body nests objects and arrays more than ${MAX_WEBHOOK_DEPTH} levels deep (Meta's webhooks nest about a dozen), so it was not read; its JSON text is in raw.`,
      details: null,
      href: null,
      hint: 'Only a sender that is not Meta sends such bodies: check who posts to this webhook URL.',
    },
  ];
  return event;
}

/** Events of a `messages` value: every message, every status, every value-level error. */
function normalizeMessagesValue(value: Json, origin: EventOrigin, fingerprint: Fingerprinter): WebhookEvent[] {
  const names = indexContactNames(objects(value.contacts));
  const events: WebhookEvent[] = [];
  for (const message of list(value.messages)) {
    const m = obj(message);
    events.push(m === null ? unknownEvent(message, origin, fingerprint) : normalizeMessage(m, names, origin, fingerprint));
  }
  for (const status of list(value.statuses)) {
    const s = obj(status);
    events.push(s === null ? unknownEvent(status, origin, fingerprint) : normalizeStatus(s, names, origin, fingerprint));
  }
  for (const error of toErrorDetails(value.errors)) {
    const event = blankEvent('error', origin, value);
    event.errors = [error];
    // The value's digest is remembered by the fingerprinter: each further error costs only its own size.
    event.dedupeKey = `error:${fingerprint([value, error])}`;
    events.push(event);
  }
  // A change we could not read anything from is still reported, never dropped.
  return events.length > 0 ? events : [unknownEvent(value, origin, fingerprint)];
}

/** Top-level parts of a flat On-Premises webhook; `meta` only describes the client. */
const FLAT_KEYS: ReadonlySet<string> = new Set(['contacts', 'messages', 'statuses', 'errors', 'meta']);

/**
 * The On-Premises client posts the `messages` value itself, without entry/changes and without the
 * receiving number's metadata (so phone number id and display number stay null). Parts it does not
 * document are reported as one "unknown" event rather than dropped.
 */
function normalizeFlat(root: Json, fingerprint: Fingerprinter): WebhookEvent[] {
  const origin = originOf({}, 'messages', root);
  const events = normalizeMessagesValue(root, origin, fingerprint);
  const rest = Object.entries(root).filter(([key]) => !FLAT_KEYS.has(key));
  if (rest.length > 0) events.push(unknownEvent(Object.fromEntries(rest), origin, fingerprint));
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
 * cannot read becomes an event of kind "unknown" carrying the raw payload (a body nested deeper than
 * MAX_WEBHOOK_DEPTH carries its JSON text, with the reason in `errors`). Takes time proportional to
 * the size of the body.
 */
export function normalizeWebhook(body: unknown): WebhookEvent[] {
  // One fingerprinter per body: parts digested for one event are not digested again for the next.
  const fingerprint = createFingerprinter();
  const read = readWebhookBody(body);
  if (read.kind === 'text') return [unknownEvent(read.binary ? '<binary>' : read.text, NO_ORIGIN, fingerprint)];
  if (read.kind === 'too_deep') return [tooDeepEvent(read.text, fingerprint)];
  const root = obj(read.value);
  if (root === null) return [unknownEvent(read.value, NO_ORIGIN, fingerprint)];
  if (!Array.isArray(root.entry)) {
    const flat = ['messages', 'statuses', 'errors'].some((key) => Array.isArray(root[key]));
    return flat ? normalizeFlat(root, fingerprint) : [unknownEvent(root, NO_ORIGIN, fingerprint)];
  }
  const events: WebhookEvent[] = [];
  for (const rawEntry of root.entry) {
    const entry = obj(rawEntry);
    if (entry === null) {
      events.push(unknownEvent(rawEntry, NO_ORIGIN, fingerprint));
      continue;
    }
    // An entry without a list of changes is reported rather than silently skipped.
    if (!Array.isArray(entry.changes)) events.push(unknownEvent(entry, originOf(entry, null, null), fingerprint));
    for (const rawChange of list(entry.changes)) {
      const change = obj(rawChange);
      const field = str(change?.field);
      const value = obj(change?.value);
      const origin = originOf(entry, field, value);
      if (value === null) events.push(unknownEvent(rawChange, origin, fingerprint));
      else if (field === 'messages') pushAll(events, normalizeMessagesValue(value, origin, fingerprint));
      else pushAll(events, normalizeFieldChange(value, origin, fingerprint));
    }
  }
  return events;
}

/** `events.push(...more)` passes every item as an argument, which throws for very long lists. */
function pushAll(events: WebhookEvent[], more: readonly WebhookEvent[]): void {
  for (const event of more) events.push(event);
}
