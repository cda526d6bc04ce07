import { WhatsAppApiError } from '../../errors/other-errors';
import type { WhatsAppError } from '../../errors/whatsapp-error';
import type { JsonObject } from '../../json';
import { readJsonAnswer } from '../../json-answer';
import type { Json } from '../../json-read';
import type { RetryOptions } from '../../retry/retry-policy';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import type { Clock } from '../../runtime/clock';
import type { HttpMethod, Transport, TransportRequest, TransportResponse } from '../../transport/transport';
import { sendWithRetries } from '../../transport/with-retries';
import { matonOwnError } from './maton-errors';
import type { MatonErrorContext } from './maton-errors';

export interface MatonControlOptions {
  controlUrl: string;
  /** Authorization (unless the transport authenticates); nothing else is needed here. */
  headers: Readonly<Record<string, string>>;
  transport: Transport;
  retry: Required<RetryOptions>;
  clock: Clock;
  requestTimeoutMs?: number;
  userAgent: string;
  errorContext: Omit<MatonErrorContext, 'surface' | 'subjectConnectionId'>;
}

export interface ControlCall {
  method: HttpMethod;
  /** Path under the control URL, starting with "/". */
  path: string;
  query?: Readonly<Record<string, string | undefined>>;
  json?: JsonObject;
  /** Listing, reading and deleting may be repeated; creating may not (a second connection). */
  safeToRepeat: boolean;
  /** The connection a 404 is about, named in the error. */
  connectionId?: string;
  /** A failure of a repeated attempt that proves the first one did the work (a delete's 404). */
  alreadyDone?: (error: WhatsAppError) => Json | null;
}

const decoder = new TextDecoder();

/**
 * Maton's connection API (https://ctrl.maton.ai) with the same bearer as the gateway, the shared
 * retry policy and Maton's error reading. Options hold the credentials: private field.
 */
export class MatonControlClient {
  readonly #options: MatonControlOptions;

  constructor(options: MatonControlOptions) {
    this.#options = options;
  }

  toJSON(): Record<string, string> {
    return { controlUrl: this.#options.controlUrl };
  }

  [INSPECT_CUSTOM](): string {
    return `MatonControlClient ${this.#options.controlUrl}`;
  }

  async call(call: ControlCall): Promise<Json> {
    const { controlUrl, headers, transport, retry, clock, requestTimeoutMs, userAgent, errorContext } = this.#options;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) params.set(key, value);
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const requestHeaders: Record<string, string> = { ...headers, accept: 'application/json', 'user-agent': userAgent };
    if (call.json !== undefined) requestHeaders['content-type'] = 'application/json';
    const request: TransportRequest = {
      method: call.method,
      url: `${controlUrl}${call.path}${search}`,
      headers: requestHeaders,
      body: call.json === undefined ? undefined : JSON.stringify(call.json),
      timeoutMs: requestTimeoutMs,
    };
    const context: MatonErrorContext = { ...errorContext, surface: 'control', subjectConnectionId: call.connectionId };
    return sendWithRetries(
      {
        errorContext: context,
        transport,
        retry,
        clock,
        errorFromResponse: (response, retryAfter, safeToRepeat) => matonOwnError(response, context, retryAfter, safeToRepeat),
      },
      request,
      call.safeToRepeat,
      (response) => this.parse(response, call.safeToRepeat),
      call.alreadyDone,
    );
  }

  /** A JSON object, or an empty object for an empty body (a delete may answer with nothing). */
  private parse(response: TransportResponse, safeToRepeat: boolean): Json | WhatsAppError {
    const text = decoder.decode(response.body);
    if (text.trim() === '') return {};
    const answer = readJsonAnswer(text);
    if (answer.ok) return answer.value;
    return new WhatsAppApiError({
      message: `The Maton connection API answered HTTP ${response.status} with ${answer.problem}`,
      provider: this.#options.errorContext.provider,
      httpStatus: response.status,
      retryable: safeToRepeat,
    });
  }
}
