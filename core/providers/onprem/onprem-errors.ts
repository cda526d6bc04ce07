import { describeBody } from '../../errors/body-text';
import type { ErrorContext } from '../../errors/graph-envelope';
import { MAY_HAVE_BEEN_PROCESSED_HINT } from '../../errors/meta-error-codes';
import { WhatsAppApiError, WhatsAppNetworkError } from '../../errors/other-errors';
import type { WhatsAppError } from '../../errors/whatsapp-error';
import { isJsonObject } from '../../json';
import { num, objects, str } from '../../json-read';
import type { TransportResponse } from '../../transport/transport';
import { hintForOnPremCode, NOT_READY_CODES, REFUSAL_CODES, STARTUP_HINT, TLS_HINT } from './onprem-error-codes';

const decoder = new TextDecoder();

/** Blank strings carry no information: reported as absent. */
function text(value: unknown): string | null {
  const found = str(value);
  return found !== null && found.trim() !== '' ? found : null;
}

/** The start-up family: the core app could not serve the request now (facts §4, "core app not ready"). */
export function isNotReady(error: WhatsAppError): boolean {
  if (error.metaCode !== null && NOT_READY_CODES.has(error.metaCode)) return true;
  return error.kind === 'api' && (error.httpStatus ?? 0) >= 500;
}

/** Whether the client refused the request without acting on it, so that repeating even a send is safe. */
export function wasRefused(error: WhatsAppError): boolean {
  return error.metaCode !== null && REFUSAL_CODES.has(error.metaCode);
}

/**
 * Reads the client's `{"errors":[{code,title,details,href}],"meta":{...}}` answer. Retrying is left
 * to the layers above for logins (401) and start-up failures (1011, 1014, 1015, 1016, 5xx), which
 * wait for the client's health instead of blind backoff; only a plain 429 is retried here.
 */
export function onPremErrorFromResponse(
  response: TransportResponse,
  context: ErrorContext,
  retryAfterSeconds: number | null,
  /** What failed, as the message says it: "error" or "login failed with error". */
  what = 'error',
): WhatsAppApiError {
  const body = decoder.decode(response.body);
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const errors = isJsonObject(parsed) ? objects(parsed.errors) : [];
  const first = errors[0];
  if (first === undefined) {
    return new WhatsAppApiError({
      message: `${context.label} ${what === 'error' ? 'answered' : `${what}:`} HTTP ${response.status} without an error list (${describeBody(body, response.headers['content-type'] ?? '')})`,
      redact: context.redact,
      provider: context.provider,
      httpStatus: response.status,
      retryAfterSeconds,
      hint: response.status >= 500 ? STARTUP_HINT : null,
      retryable: response.status === 429,
    });
  }
  const code = num(first.code);
  const title = text(first.title) ?? 'Unknown error';
  const details = text(first.details);
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1).map((e) => str(e.code) ?? '?').join(', ')})` : '';
  const detailText = details !== null && details !== title ? `: ${details}` : '';
  return new WhatsAppApiError({
    message: `${context.label} ${what}${code === null ? '' : ` ${code}`}: ${title}${detailText}${more}`,
    // The error redacts every text field: any of them may echo what the client was sent.
    redact: context.redact,
    provider: context.provider,
    httpStatus: response.status,
    metaCode: code,
    title,
    details,
    hint: hintForOnPremCode(code),
    retryAfterSeconds,
    retryable: response.status === 429 && (code === null || !NOT_READY_CODES.has(code)),
  });
}

/** The same error with another hint and retry verdict (errors are immutable). */
export function withVerdict(error: WhatsAppError, hint: string | null, retryable: boolean): WhatsAppError {
  if (error instanceof WhatsAppNetworkError) {
    return new WhatsAppNetworkError({
      message: error.message,
      provider: error.provider,
      failure: error.failure,
      requestMayHaveReachedServer: error.requestMayHaveReachedServer,
      retryable,
      hint,
    });
  }
  return new WhatsAppApiError({
    message: error.message,
    provider: error.provider,
    httpStatus: error.httpStatus,
    metaCode: error.metaCode,
    metaSubcode: error.metaSubcode,
    title: error.title,
    details: error.details,
    fbtraceId: error.fbtraceId,
    retryAfterSeconds: error.retryAfterSeconds,
    hint,
    retryable,
  });
}

/**
 * A start-up failure that outlasted the wait (or was not waited for): retryable when the client
 * refused the request or repeating it is harmless; a send that may have reached the core app is not
 * repeated blindly.
 */
export function notReadyVerdict(error: WhatsAppError, safeToRepeat: boolean): WhatsAppError {
  if (safeToRepeat || wasRefused(error)) return withVerdict(error, STARTUP_HINT, true);
  return withVerdict(error, `${MAY_HAVE_BEEN_PROCESSED_HINT} ${STARTUP_HINT}`, false);
}

/** Node's and undici's codes for a certificate that could not be verified. */
const TLS_FAILURE = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|self[- ]signed certificate)\b/i;

/** A certificate failure gets the insecureTls advice; it never heals by retrying. */
export function withTlsAdvice(error: WhatsAppError): WhatsAppError {
  if (!(error instanceof WhatsAppNetworkError) || !TLS_FAILURE.test(error.message)) return error;
  return withVerdict(error, TLS_HINT, false);
}
