import type { JsonValue } from '../json';
import { toJsonValue } from '../json';
import type { WebhookEvent } from './event';
import { normalizeWebhook } from './normalize';

/** A webhook body read in pass-through mode: normalized events, or the body itself. */
export interface PassThroughWebhook {
  /** The body's events when it is in Meta's shape (entry[] or the flat On-Premises shape); else empty. */
  events: WebhookEvent[];
  /** The body as JSON when it is not Meta-shaped (text that is not JSON stays a string); else null. */
  raw: JsonValue | null;
}

const decoder = new TextDecoder();

/** The body as a JSON value: parsed when it is JSON text or bytes, kept as text otherwise. */
function asJson(body: unknown): JsonValue {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const text = typeof body === 'string' ? body : decoder.decode(body);
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  if (body === undefined) return null;
  try {
    return toJsonValue(body);
  } catch {
    // Only objects JSON cannot represent (cycles, BigInt) end up here.
    return String(body);
  }
}

/**
 * For providers whose callbacks are not publicly documented (ITNIO): a body Meta's normalizer
 * recognizes becomes its events, anything else is handed on as raw JSON rather than reported as
 * "unknown" events or dropped. Recognized means at least one event of a known kind: a body that
 * only produced "unknown" events was not in a shape the normalizer reads. Never throws.
 */
export function normalizePassThroughWebhook(body: unknown): PassThroughWebhook {
  const events = normalizeWebhook(body);
  if (events.some((event) => event.kind !== 'unknown')) return { events, raw: null };
  return { events: [], raw: asJson(body) };
}
