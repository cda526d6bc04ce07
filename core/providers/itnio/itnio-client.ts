import type { ErrorContext } from '../../errors/graph-envelope';
import { WhatsAppApiError } from '../../errors/other-errors';
import type { WhatsAppError } from '../../errors/whatsapp-error';
import type { JsonObject } from '../../json';
import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import type { Transport, TransportRequest, TransportResponse } from '../../transport/transport';
import { sendWithRetries } from '../../transport/with-retries';
import { itnioErrorFromResponse, itnioStatusError, readItnioEnvelope } from './itnio-errors';
import { itnioAuthHeaders } from './itnio-sign';
import type { ItnioCredentials } from './itnio-sign';

export interface ItnioClientOptions {
  errorContext: ErrorContext;
  baseUrl: string;
  /** Null when the transport signs every request itself (the n8n credential). */
  credentials: ItnioCredentials | null;
  transport: Transport;
  retry: Required<RetryOptions>;
  clock: Clock;
  requestTimeoutMs?: number;
  userAgent: string;
}

/**
 * POSTs to ITNIO with its signature headers, the shared retry policy and its answer envelope.
 * ITNIO answers failures with HTTP 200 and a non-"0" status, so reading the body decides success.
 * The options hold the API secret, hence the private field.
 */
export class ItnioClient {
  readonly #options: ItnioClientOptions;

  constructor(options: ItnioClientOptions) {
    this.#options = options;
  }

  toJSON(): Record<string, string> {
    return { baseUrl: this.#options.baseUrl };
  }

  [INSPECT_CUSTOM](): string {
    return `ItnioClient ${this.#options.baseUrl}`;
  }

  /** Sends `json` to `path` and returns the answer's `data` object ({} when it has none). */
  post(path: string, json: JsonObject, safeToRepeat: boolean): Promise<Record<string, unknown>> {
    const { transport, retry, clock, baseUrl, userAgent, requestTimeoutMs } = this.#options;
    // A Sign authenticates any request for as long as ITNIO accepts its Timestamp: the ones this
    // call sent are redacted from its errors like the key and secret, should anything echo them.
    const signs: string[] = [];
    const errorContext: ErrorContext = { ...this.#options.errorContext, redact: (text) => this.redact(text, signs) };
    const request: TransportRequest = {
      method: 'POST',
      url: `${baseUrl}${path}`,
      headers: { 'content-type': 'application/json;charset=UTF-8', accept: 'application/json', 'user-agent': userAgent },
      body: JSON.stringify(json),
      timeoutMs: requestTimeoutMs,
    };
    // Signed at the moment each attempt leaves, so a retry carries a fresh Timestamp and Sign.
    const signing: Transport = {
      request: (attempt) => {
        const signed = this.sign(attempt);
        const sign = signed.headers.sign;
        if (sign !== undefined) signs.push(sign);
        return transport.request(signed);
      },
    };
    return sendWithRetries(
      {
        errorContext,
        transport: signing,
        retry,
        clock,
        errorFromResponse: (response, retryAfter, safeToRepeatIt) => itnioErrorFromResponse(response, errorContext, retryAfter, safeToRepeatIt),
      },
      request,
      safeToRepeat,
      (response) => this.read(response, safeToRepeat, errorContext),
    );
  }

  private redact(text: string, signs: readonly string[]): string {
    let out = this.#options.errorContext.redact(text);
    for (const sign of signs) out = out.split(sign).join('[redacted]');
    return out;
  }

  private sign(request: TransportRequest): TransportRequest {
    const { credentials, clock } = this.#options;
    if (credentials === null) return request;
    return { ...request, headers: { ...request.headers, ...itnioAuthHeaders(credentials, clock.now()) } };
  }

  private read(response: TransportResponse, safeToRepeat: boolean, errorContext: ErrorContext): Record<string, unknown> | WhatsAppError {
    const envelope = readItnioEnvelope(response.body);
    if (envelope === null) {
      return new WhatsAppApiError({
        message: `${errorContext.label} answered HTTP ${response.status} with a body that is not its JSON envelope (no "status")`,
        provider: errorContext.provider,
        httpStatus: response.status,
        retryable: safeToRepeat,
      });
    }
    if (envelope.status !== '0') return itnioStatusError(envelope, errorContext, { httpStatus: response.status });
    return envelope.data;
  }
}
