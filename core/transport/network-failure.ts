import { WhatsAppNetworkError } from '../errors/other-errors';
import type { NetworkFailure } from '../errors/other-errors';

/** Failures that happen before a single byte of the request can have been sent. */
const NOT_SENT: Readonly<Record<string, NetworkFailure>> = {
  ECONNREFUSED: 'connection_refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  UND_ERR_CONNECT_TIMEOUT: 'connect_timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
};

/** Failures after the request may have been sent: the server may have acted on it. */
const MAYBE_SENT: Readonly<Record<string, NetworkFailure>> = {
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  TimeoutError: 'timeout',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  UND_ERR_SOCKET: 'connection_reset',
  UND_ERR_CLOSED: 'connection_reset',
  AbortError: 'aborted',
  // axios (n8n's request helpers) names its timeouts these.
  ECONNABORTED: 'timeout',
  ETIMEDOUT: 'timeout',
  ERR_CANCELED: 'aborted',
};

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Turns whatever an HTTP client threw into a WhatsAppNetworkError, deciding from the error codes
 * (walking `cause`) whether the request may have reached the server. Shared by every transport.
 */
export function toNetworkError(error: unknown, origin: string): WhatsAppNetworkError {
  const codes = errorCodes(error);
  const notSent = codes.map((code) => NOT_SENT[code]).find((failure) => failure !== undefined);
  const maybeSent = codes.map((code) => MAYBE_SENT[code]).find((failure) => failure !== undefined);
  const failure = notSent ?? maybeSent ?? 'other';
  const what = failure.replace(/_/g, ' ');
  const code = codes.find((c) => /^[A-Z_]+$/.test(c));
  return new WhatsAppNetworkError({
    // Only the origin: paths and queries stay out of error text.
    message: `No response from ${origin}: ${what}${code ? ` (${code})` : ''}`,
    failure,
    requestMayHaveReachedServer: notSent === undefined,
  });
}

