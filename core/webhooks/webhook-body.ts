import { jsonTextOf, MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth';

/**
 * Reading a webhook body without recursion. JSON.parse copes with any depth, but JSON.stringify,
 * structuredClone and every recursive walk downstream (workflow engines, loggers, the inbox) overflow
 * the stack somewhere between 2,000 and 10,000 levels. Meta's payloads nest about a dozen levels,
 * so a body nested deeper than MAX_WEBHOOK_DEPTH is not read: it is handed on as its JSON text.
 */
export const MAX_WEBHOOK_DEPTH = MAX_JSON_DEPTH;

export type WebhookBody =
  /** Parsed JSON (or the caller's already-parsed object), at most MAX_WEBHOOK_DEPTH deep. */
  | { kind: 'json'; value: unknown }
  /** Text or bytes that are not JSON. */
  | { kind: 'text'; text: string; binary: boolean }
  /** JSON nested deeper than MAX_WEBHOOK_DEPTH (or with a cycle), as JSON text. */
  | { kind: 'too_deep'; text: string };

const decoder = new TextDecoder();

/** The body as JSON when it is JSON of a readable depth; its text otherwise. Never throws. */
export function readWebhookBody(body: unknown): WebhookBody {
  let value: unknown = body;
  let text: string | null = null;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    text = typeof body === 'string' ? body : decoder.decode(body);
    try {
      value = JSON.parse(text);
    } catch {
      return { kind: 'text', text, binary: typeof body !== 'string' };
    }
  }
  if (!nestsDeeperThan(value, MAX_WEBHOOK_DEPTH)) return { kind: 'json', value };
  return { kind: 'too_deep', text: text ?? jsonTextOf(value) };
}
