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

/** The node version from which each error detail carries core's `hint` (version 1's items keep their shape). */
export const HINT_VERSION = 2;

/**
 * The event as plain JSON for an item (undefined dropped, bytes never present). Version 2 items
 * carry each error's hint (a failed status of an accepted send says what to do); version 1 items
 * are exactly what they were before the hint existed.
 */
export function toItemJson(event: WebhookEvent, nodeVersion: number): IDataObject {
  const json: IDataObject = JSON.parse(JSON.stringify(event));
  if (nodeVersion < HINT_VERSION && Array.isArray(json.errors)) {
    for (const detail of json.errors) if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) delete (detail as IDataObject).hint;
  }
  return json;
}
