import type { TransportResponse } from '../transport/transport';
import { isJsonObject } from '../json';
import { describeBody } from './body-text';
import { num, str } from '../json-read';
import { isRetryableAnswer } from '../retry/retry-policy';
import { hintForMetaCode, MAY_HAVE_BEEN_PROCESSED_HINT, TRANSIENT_META_CODES } from './meta-error-codes';
import { WhatsAppApiError } from './other-errors';

export interface ErrorContext {
  provider: string;
  /** Text shown in messages, e.g. "Meta Cloud API". */
  label: string;
  redact: (text: string) => string;
}

const decoder = new TextDecoder();

/** Blank strings carry no information: reported as absent. */
function optionalString(value: unknown): string | null {
  const text = str(value);
  return text !== null && text.trim() !== '' ? text : null;
}

/** Meta's message often repeats the code as "(#131030) ..."; the code is reported separately. */
function stripCodePrefix(message: string): string {
  return message.replace(/^\(#\d+\)\s*/, '');
}

/** Turns a Graph error envelope (or any failed answer) into a WhatsAppApiError without secrets. */
export function apiErrorFromResponse(
  response: TransportResponse,
  context: ErrorContext,
  retryAfterSeconds: number | null,
  idempotent: boolean,
): WhatsAppApiError {
  const text = decoder.decode(response.body);
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const envelope = isJsonObject(parsed) && isJsonObject(parsed.error) ? parsed.error : null;
  if (envelope === null) {
    const description = describeBody(text, response.headers['content-type'] ?? '');
    return new WhatsAppApiError({
      message: `${context.label} answered HTTP ${response.status} without an error object (${description})`,
      redact: context.redact,
      provider: context.provider,
      httpStatus: response.status,
      retryAfterSeconds,
      hint: !idempotent && response.status >= 500
        ? MAY_HAVE_BEEN_PROCESSED_HINT
        : response.status >= 500 || response.status === 429 ? 'The service is failing or overloaded: retry later.' : null,
      retryable: isRetryableAnswer({ httpStatus: response.status, metaCode: null }, idempotent),
    });
  }
  const metaCode = num(envelope.code);
  const errorData = isJsonObject(envelope.error_data) ? envelope.error_data : {};
  const rawMessage = optionalString(envelope.message) ?? 'Unknown error';
  const title = optionalString(envelope.error_user_title) ?? stripCodePrefix(rawMessage);
  const details = optionalString(errorData.details) ?? optionalString(envelope.error_user_msg);
  const codeText = metaCode === null ? '' : ` ${metaCode}`;
  const detailText = details !== null && details !== title ? `: ${details}` : '';
  const retryable = isRetryableAnswer({ httpStatus: response.status, metaCode, isTransient: envelope.is_transient === true }, idempotent);
  const ambiguous = !idempotent && !retryable && (response.status >= 500 || (metaCode !== null && TRANSIENT_META_CODES.has(metaCode)));
  return new WhatsAppApiError({
    message: `${context.label} error${codeText}: ${stripCodePrefix(rawMessage)}${detailText}`,
    // Every field below may echo what the server was sent; the error redacts each of them.
    redact: context.redact,
    provider: context.provider,
    httpStatus: response.status,
    metaCode,
    metaSubcode: num(envelope.error_subcode),
    title,
    details,
    fbtraceId: optionalString(envelope.fbtrace_id),
    hint: ambiguous ? MAY_HAVE_BEEN_PROCESSED_HINT : hintForMetaCode(metaCode),
    retryAfterSeconds,
    retryable,
  });
}
