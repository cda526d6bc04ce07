import type { IDataObject } from 'n8n-workflow';
import type { WebhookEvent, WebhookEventKind } from '../shared/core';
import { EVENT_CHOICES } from './description';
import type { EventChoice } from './description';

export interface EventFilter {
  events: readonly string[];
  /** Empty: every status. */
  statusValues: readonly string[];
  /** Empty: every message type. */
  messageTypes: readonly string[];
  /** Empty: every phone number. */
  phoneNumberIds: readonly string[];
}

function isChoice(value: string): value is EventChoice {
  return Object.prototype.hasOwnProperty.call(EVENT_CHOICES, value);
}

function kindsOf(events: readonly string[]): Set<WebhookEventKind> {
  const kinds = new Set<WebhookEventKind>();
  for (const choice of events) if (isChoice(choice)) for (const kind of EVENT_CHOICES[choice].kinds) kinds.add(kind);
  return kinds;
}

/** The webhook fields the app must subscribe to for these events, sorted and without repeats. */
export function subscriptionFields(events: readonly string[]): string[] {
  const fields = new Set<string>();
  for (const choice of events) if (isChoice(choice)) for (const field of EVENT_CHOICES[choice].fields) fields.add(field);
  return [...fields].sort();
}

/** "a, b,,c" -> ['a', 'b', 'c'] */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** The events the user asked for. Events without a phone number id (account-wide) pass the phone filter. */
export function filterEvents(events: readonly WebhookEvent[], filter: EventFilter): WebhookEvent[] {
  const kinds = kindsOf(filter.events);
  const statuses = new Set(filter.statusValues);
  const types = new Set(filter.messageTypes);
  const phones = new Set(filter.phoneNumberIds);
  return events.filter((event) => {
    if (!kinds.has(event.kind)) return false;
    if (event.kind === 'status' && statuses.size > 0 && !statuses.has(event.status ?? '')) return false;
    if (event.kind === 'message' && types.size > 0 && !types.has(event.type ?? '')) return false;
    if (phones.size > 0 && event.phoneNumberId !== null && !phones.has(event.phoneNumberId)) return false;
    return true;
  });
}

/** How many emitted keys the node remembers at most, whatever the window. */
export const DEDUPE_CAPACITY = 2000;

const DEDUPE_KEY = 'emittedEvents';

/** The remembered keys (key -> ms when emitted), oldest first; anything unreadable is dropped. */
function readEmitted(staticData: IDataObject): Map<string, number> {
  const stored = staticData[DEDUPE_KEY];
  const emitted = new Map<string, number>();
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return emitted;
  for (const [key, at] of Object.entries(stored)) if (typeof at === 'number') emitted.set(key, at);
  return emitted;
}

/**
 * Keeps the events whose dedupe key (core's: the message id, or a status's message id with its
 * status, or a digest of the change) was not emitted within the window, and remembers them in the
 * node's static data (n8n saves it after the webhook call). Repeats inside one body count too.
 */
export function dropRepeats(
  events: readonly WebhookEvent[],
  staticData: IDataObject,
  windowMinutes: number,
  now: number,
): WebhookEvent[] {
  if (!(windowMinutes > 0)) return [...events];
  const oldest = now - windowMinutes * 60_000;
  const emitted = readEmitted(staticData);
  for (const [key, at] of emitted) if (at < oldest || at > now) emitted.delete(key);
  const fresh: WebhookEvent[] = [];
  for (const event of events) {
    if (emitted.has(event.dedupeKey)) continue;
    emitted.set(event.dedupeKey, now);
    fresh.push(event);
  }
  const excess = emitted.size - DEDUPE_CAPACITY;
  if (excess > 0) for (const key of [...emitted.keys()].slice(0, excess)) emitted.delete(key);
  staticData[DEDUPE_KEY] = Object.fromEntries(emitted);
  return fresh;
}

/** The event as plain JSON for an item (undefined dropped, bytes never present). */
export function toItemJson(event: WebhookEvent): IDataObject {
  const json: IDataObject = JSON.parse(JSON.stringify(event));
  return json;
}
