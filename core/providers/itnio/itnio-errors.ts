import { shortenedAtWord } from '../../errors/body-text';
import { apiErrorFromResponse } from '../../errors/graph-envelope';
import type { ErrorContext } from '../../errors/graph-envelope';
import { WhatsAppApiError } from '../../errors/other-errors';
import { isJsonObject } from '../../json';
import { readJsonAnswer } from '../../json-answer';
import { str } from '../../json-read';
import { isRetryableAnswer } from '../../retry/retry-policy';
import type { TransportResponse } from '../../transport/transport';
import { describeItnioStatus } from './itnio-status-codes';

const UNKNOWN_STATUS_HINT = "ITNIO has not published what this status means; its own reason text is in details. Ask ITNIO support if it is unclear.";

const decoder = new TextDecoder();

/** ITNIO's answer envelope: `status` ("0" on success, a negative code otherwise), `reason` and `data`. */
export interface ItnioEnvelope {
  status: string;
  reason: string | null;
  data: Record<string, unknown>;
}

/** The envelope of an answer body, or null when the body is not one (not JSON, no status). */
export function readItnioEnvelope(body: Uint8Array): ItnioEnvelope | null {
  // Too deep to hand on is read like no envelope at all (the answer is refused as unreadable).
  const answer = readJsonAnswer(decoder.decode(body));
  if (!answer.ok) return null;
  const parsed = answer.value;
  // ITNIO documents status as a string; a number is read the same way rather than refused.
  const status = str(parsed.status);
  if (status === null) return null;
  const reason = str(parsed.reason);
  return { status: status.trim(), reason: reason === null || reason.trim() === '' ? null : reason.trim(), data: isJsonObject(parsed.data) ? parsed.data : {} };
}

/**
 * A failure status as an error: the code (in `metaCode`, where every face shows a provider's error
 * code), a clear English message, ITNIO's own reason text as details, and a hint where one helps.
 */
export function itnioStatusError(
  envelope: ItnioEnvelope,
  context: ErrorContext,
  answer: { httpStatus: number; retryable?: boolean; retryAfterSeconds?: number | null },
): WhatsAppApiError {
  const code = /^-?\d{1,9}$/.test(envelope.status) ? Number(envelope.status) : null;
  const known = code === null ? null : describeItnioStatus(code);
  const shownStatus = code === null ? JSON.stringify(shortenedAtWord(envelope.status, 40)) : String(code);
  const meaning = known?.message ?? envelope.reason ?? 'no reason given';
  return new WhatsAppApiError({
    message: `${context.label} error ${shownStatus}: ${meaning}`,
    // The error redacts every text field: any of them may echo what ITNIO was sent.
    redact: context.redact,
    provider: context.provider,
    httpStatus: answer.httpStatus,
    metaCode: code,
    title: meaning,
    details: envelope.reason,
    hint: known === null ? UNKNOWN_STATUS_HINT : known.hint,
    retryable: answer.retryable ?? false,
    retryAfterSeconds: answer.retryAfterSeconds ?? null,
  });
}

/**
 * A non-2xx answer: ITNIO's envelope when the body carries one, otherwise the generic reading of
 * a failed HTTP answer (gateway pages, outages), which decides retries by status and call kind.
 */
export function itnioErrorFromResponse(
  response: TransportResponse,
  context: ErrorContext,
  retryAfterSeconds: number | null,
  safeToRepeat: boolean,
): WhatsAppApiError {
  const envelope = readItnioEnvelope(response.body);
  if (envelope === null) return apiErrorFromResponse(response, context, retryAfterSeconds, safeToRepeat);
  const retryable = isRetryableAnswer({ httpStatus: response.status, metaCode: null }, safeToRepeat);
  return itnioStatusError(envelope, context, { httpStatus: response.status, retryable, retryAfterSeconds });
}
