import type { IDataObject } from 'n8n-workflow';
import type { WebhookEvent } from '../shared/core';

/**
 * Which events a trigger node already emitted, kept in this n8n process.
 *
 * Why not workflow static data alone: n8n reads a workflow's static data from its database before
 * each webhook call and writes the whole object back after it. Concurrent redeliveries of one
 * message each get their own copy read before any of them wrote, so each sees the message as new
 * (10 concurrent redeliveries emitted 10 items). Within one process this module is the authority:
 * the check and the record happen in one synchronous step, with no await in between, so only one
 * concurrent call can claim an event. Static data is only its saved copy: it seeds the record the
 * first time a node is seen in this process (after a restart), and every call writes the record
 * back into it for the next restart. Across processes (queue mode, several mains) static data is
 * still only last-writer-wins; that needs a shared store.
 */

/** How many emitted keys one node remembers at most, whatever the window. */
export const DEDUPE_CAPACITY = 2000;

/** How many trigger nodes this process keeps records for; the least recently used one is dropped (its saved copy remains). */
export const MAX_TRACKED_NODES = 500;

/** Where the saved copy lives in the node's static data. */
export const DEDUPE_KEY = 'emittedEvents';

/** node key -> (dedupe key -> ms when emitted), oldest first. Insertion order = recency of use. */
const records = new Map<string, Map<string, number>>();

/** The record's key: the workflow and the node (its id stays when the node is renamed). */
export function ledgerKey(workflowId: string | undefined, nodeId: string): string {
  return `${workflowId ?? ''}\u0000${nodeId}`;
}

/** The saved copy (key -> ms when emitted); anything unreadable is dropped. */
function readSaved(staticData: IDataObject): Map<string, number> {
  const stored = staticData[DEDUPE_KEY];
  const emitted = new Map<string, number>();
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return emitted;
  const entries = Object.entries(stored).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  // Oldest first, so that capacity evicts the oldest.
  entries.sort((a, b) => a[1] - b[1]);
  for (const [key, at] of entries) emitted.set(key, at);
  return emitted;
}

function recordFor(key: string, staticData: IDataObject): Map<string, number> {
  let record = records.get(key);
  if (record === undefined) {
    record = readSaved(staticData);
  } else {
    records.delete(key);
  }
  records.set(key, record);
  if (records.size > MAX_TRACKED_NODES) {
    const oldest = records.keys().next().value;
    if (oldest !== undefined) records.delete(oldest);
  }
  return record;
}

/**
 * Keeps the events whose dedupe key (core's: the message id, a status's message id with its
 * status, or a digest of the change) was not emitted by this node within the window, records them
 * as emitted, and writes the record into static data as its saved copy. Repeats inside one body
 * count too. Synchronous on purpose: see the module comment.
 */
export function claimFreshEvents(
  key: string,
  events: readonly WebhookEvent[],
  staticData: IDataObject,
  windowMinutes: number,
  now: number,
): WebhookEvent[] {
  if (!(windowMinutes > 0)) return [...events];
  const record = recordFor(key, staticData);
  const oldest = now - windowMinutes * 60_000;
  for (const [seen, at] of record) if (at < oldest || at > now) record.delete(seen);
  const fresh: WebhookEvent[] = [];
  for (const event of events) {
    if (record.has(event.dedupeKey)) continue;
    record.set(event.dedupeKey, now);
    fresh.push(event);
  }
  let excess = record.size - DEDUPE_CAPACITY;
  for (const seen of record.keys()) {
    if (excess-- <= 0) break;
    record.delete(seen);
  }
  staticData[DEDUPE_KEY] = Object.fromEntries(record);
  return fresh;
}
