import type { ErrorContext } from '../errors/graph-envelope';
import { MAY_HAVE_BEEN_PROCESSED_HINT } from '../errors/meta-error-codes';
import { WhatsAppNetworkError } from '../errors/other-errors';
import { WhatsAppError } from '../errors/whatsapp-error';
import { backoffDelay, isRetryableNetworkFailure, parseRetryAfter } from '../retry/retry-policy';
import type { RetryOptions } from '../retry/retry-policy';
import type { Clock } from '../runtime/clock';
import type { Transport, TransportRequest, TransportResponse } from './transport';

/** What a provider's HTTP client needs to send a request with retries. */
export interface RetryingSender {
  errorContext: ErrorContext;
  transport: Transport;
  retry: Required<RetryOptions>;
  clock: Clock;
  /** Turns a non-2xx answer into the provider's error, deciding whether it is retryable for this call. */
  errorFromResponse(response: TransportResponse, retryAfterSeconds: number | null, safeToRepeat: boolean): WhatsAppError;
}

/**
 * A transport failure as a provider error: redacted, with the retry decision for this call.
 * Anything a custom transport throws besides WhatsAppNetworkError (an HTTP client's error may
 * carry the request and its headers) is reduced to its redacted message and never kept.
 */
export function networkFailure(thrown: unknown, safeToRepeat: boolean, errorContext: ErrorContext): WhatsAppNetworkError {
  const known = thrown instanceof WhatsAppNetworkError ? thrown : null;
  const description = known?.message ?? `transport failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  const mayHaveReached = known?.requestMayHaveReachedServer ?? true;
  return new WhatsAppNetworkError({
    message: `${errorContext.label}: ${description}`,
    redact: errorContext.redact,
    provider: errorContext.provider,
    failure: known?.failure ?? 'other',
    requestMayHaveReachedServer: mayHaveReached,
    retryable: isRetryableNetworkFailure(mayHaveReached, safeToRepeat),
    hint: mayHaveReached && !safeToRepeat ? MAY_HAVE_BEEN_PROCESSED_HINT : 'Check the network connection and the base URL.',
  });
}

/**
 * Sends the request, reads the answer with `read`, and repeats it while the failure is retryable
 * for this kind of request and the retry budget lasts. `done` turns a failure of a repeated
 * attempt into a result when it proves an earlier attempt succeeded (a delete whose first answer
 * was lost). Shared by every provider's client so that they all retry by the same policy.
 */
export async function sendWithRetries<T>(
  sender: RetryingSender,
  request: TransportRequest,
  safeToRepeat: boolean,
  read: (response: TransportResponse) => T | WhatsAppError,
  done?: (error: WhatsAppError) => T | null,
): Promise<T> {
  const { errorContext, transport, retry, clock } = sender;
  for (let attempt = 0; ; attempt += 1) {
    let failure: WhatsAppError;
    try {
      const response = await transport.request(request);
      if (response.status >= 200 && response.status < 300) {
        const result = read(response);
        if (!(result instanceof WhatsAppError)) return result;
        failure = result;
      } else {
        const retryAfter = parseRetryAfter(response.headers['retry-after'], clock.now());
        failure = sender.errorFromResponse(response, retryAfter, safeToRepeat);
      }
    } catch (thrown) {
      failure = networkFailure(thrown, safeToRepeat, errorContext);
    }
    const result = attempt > 0 && done ? done(failure) : null;
    if (result !== null) return result;
    const delay = failure.retryable ? backoffDelay(failure, attempt, retry, clock.random) : null;
    if (delay === null) throw failure;
    await clock.sleep(delay);
  }
}
