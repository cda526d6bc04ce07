import { THROTTLING_META_CODES, TRANSIENT_META_CODES } from '../errors/meta-error-codes';
import { WhatsAppNetworkError } from '../errors/other-errors';
import { WhatsAppError } from '../errors/whatsapp-error';

export interface RetryOptions {
  /** Extra attempts after the first one. */
  maxRetries?: number;
  /** First backoff step. */
  baseDelayMs?: number;
  /** No single wait is longer than this; a longer Retry-After is not waited for. */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Meta's advice for 131056: wait 4^n seconds before writing to the same user again. */
const PAIR_RATE_CODE = 131056;

export interface ProviderAnswer {
  httpStatus: number | null;
  metaCode: number | null;
  /** Meta's own `is_transient` flag, when the envelope carried one. */
  isTransient?: boolean;
}

/**
 * Whether repeating the same request after this answer is safe and useful.
 *
 * A send is not idempotent on Meta's side: repeating a send that Meta processed delivers the
 * message twice. So a non-idempotent request is repeated only when Meta refused it for throttling
 * (HTTP 429, codes 4, 80007, 130429, 131056), which means it was not processed. Idempotent
 * requests are also repeated after transient codes and outages (5xx).
 */
export function isRetryableAnswer(answer: ProviderAnswer, idempotent: boolean): boolean {
  const code = answer.metaCode;
  const throttled = answer.httpStatus === 429 || (code !== null && THROTTLING_META_CODES.has(code));
  if (!idempotent) return throttled;
  if (throttled || answer.isTransient === true) return true;
  if (code !== null && TRANSIENT_META_CODES.has(code)) return true;
  // A 5xx with a Meta code outside the transient set is a real answer, not an outage.
  return (answer.httpStatus ?? 0) >= 500 && code === null;
}

/**
 * A network failure may be retried for idempotent requests; for a send only when the request
 * provably never reached the server (connection refused, DNS failure, connect timeout). Timeouts
 * and resets after the request was sent are ambiguous, so sends are not repeated after them.
 */
export function isRetryableNetworkFailure(requestMayHaveReachedServer: boolean, idempotent: boolean): boolean {
  return idempotent || !requestMayHaveReachedServer;
}

export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof WhatsAppNetworkError) return isRetryableNetworkFailure(error.requestMayHaveReachedServer, idempotent);
  // An answer's verdict was decided when it arrived, with Meta's is_transient and the call's kind.
  if (error instanceof WhatsAppError) return error.retryable;
  return false;
}

/** IMF-fixdate, the HTTP-date form servers send: `Wed, 21 Oct 2026 07:28:00 GMT`. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After in whole seconds: delta-seconds (fractions rounded up) or an HTTP date. Anything
 * else is ignored (null), so normal backoff applies instead of an accidental zero wait.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  if (!HTTP_DATE.test(text)) return null;
  return Math.max(0, Math.ceil((Date.parse(text) - now) / 1000));
}

/**
 * How long to wait before retry number `retry` (0-based), or null to give up. Exponential backoff
 * with jitter (half of the step fixed, half random) so that many clients do not retry in lockstep;
 * 131056 waits at least Meta's 4^n seconds; a server's Retry-After is obeyed exactly, and not
 * waited for at all when it exceeds maxDelayMs.
 */
export function backoffDelay(error: WhatsAppError, retry: number, options: Required<RetryOptions>, random: () => number): number | null {
  if (retry >= options.maxRetries) return null;
  if (error.retryAfterSeconds !== null) {
    const ms = error.retryAfterSeconds * 1000;
    return ms <= options.maxDelayMs ? ms : null;
  }
  if (error.metaCode === PAIR_RATE_CODE) {
    // Meta's schedule is a minimum: waiting less only meets the same limit again.
    const wait = 1000 * 4 ** retry;
    return Math.min(options.maxDelayMs, Math.round(wait + random() * wait * 0.25));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
