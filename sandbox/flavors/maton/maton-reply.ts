import type { ServerResponse } from 'node:http';
import type { JsonValue } from 'whatsapp-business-core';

/**
 * Maton's own errors carry no Graph envelope (no numeric `code`): a type and a message. Clients
 * tell them from Meta's errors the gateway passes through by exactly that.
 */
export function writeMatonError(response: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  writeMatonJson(response, status, { error: { type, message } }, headers);
}

export function writeMatonJson(response: ServerResponse, status: number, body: JsonValue, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** 429 with the whole seconds to wait, as Maton answers above its per-account rate. */
export function writeRateLimited(response: ServerResponse, rps: number, retryAfterSeconds: number): void {
  writeMatonError(response, 429, 'rate_limited', `Rate limit exceeded: ${rps} requests per second per account`, { 'Retry-After': String(retryAfterSeconds) });
}
