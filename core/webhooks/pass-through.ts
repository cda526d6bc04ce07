import type { JsonValue } from '../json';
import { toJsonValue } from '../json';
import type { WebhookEvent } from './event';
import { normalizeWebhook } from './normalize';
import { jsonTextOf } from '../json-depth';
import { readWebhookBody } from './webhook-body';

/** A webhook body read in pass-through mode: normalized events, or the body itself. */
export interface PassThroughWebhook {
  /** The body's events when it is in Meta's shape (entry[] or the flat On-Premises shape); else empty. */
  events: WebhookEvent[];
  /** The body as JSON when it is not Meta-shaped (text that is not JSON stays a string); else null. */
  raw: JsonValue | null;
}

/** The body as a JSON value: parsed when it is JSON text or bytes; text when it is not JSON or too deep to pass on as JSON. */
function asJson(body: unknown): JsonValue {
  if (body === undefined) return null;
  const read = readWebhookBody(body);
  if (read.kind !== 'json') return read.text;
  if (typeof body === 'string' || body instanceof Uint8Array) return read.value as JsonValue;
  try {
    return toJsonValue(read.value);
  } catch {
    // Only values JSON cannot represent (BigInt) end up here; cycles were reported as too deep.
    return jsonTextOf(read.value);
  }
}

/**
 * For providers whose callbacks are not publicly documented (ITNIO): a body Meta's normalizer
 * recognizes becomes its events, anything else is handed on as raw JSON rather than reported as
 * "unknown" events or dropped (a body nested deeper than MAX_WEBHOOK_DEPTH as its JSON text).
 * Recognized means at least one event of a known kind: a body that only produced "unknown" events
 * was not in a shape the normalizer reads. Never throws.
 */
export function normalizePassThroughWebhook(body: unknown): PassThroughWebhook {
  const events = normalizeWebhook(body);
  if (events.some((event) => event.kind !== 'unknown')) return { events, raw: null };
  return { events: [], raw: asJson(body) };
}
