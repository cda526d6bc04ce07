import { INSPECT_CUSTOM } from '../../runtime/inspect';
import { apiErrorFromResponse } from '../../errors/graph-envelope';
import type { ErrorContext } from '../../errors/graph-envelope';
import { WhatsAppApiError, WhatsAppConfigError } from '../../errors/other-errors';
import { WhatsAppError } from '../../errors/whatsapp-error';
import { readJsonAnswer } from '../../json-answer';
import type { JsonObject } from '../../json';
import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import type { HttpMethod, Transport, TransportRequest, TransportResponse } from '../../transport/transport';
import { sendWithRetries } from '../../transport/with-retries';

export const DEFAULT_USER_AGENT = 'whatsapp-business-toolkit/0.1';

export interface GraphClientOptions {
  errorContext: ErrorContext;
  baseUrl: string;
  apiVersion: string;
  /** Authentication (and any provider-specific) headers sent with every Graph call. */
  headers: Readonly<Record<string, string>>;
  transport: Transport;
  retry: Required<RetryOptions>;
  clock: Clock;
  requestTimeoutMs?: number;
  /**
   * Sent with every request. Meta's media host has answered some HTTP clients' default agents
   * with an error page (whatsapp-api-js #335); an explicit agent avoids that.
   */
  userAgent: string;
  /** Hosts that may receive the credentials when downloading media from an absolute URL. */
  isTrustedMediaHost: (url: URL) => boolean;
  /**
   * A gateway's own reading of a failed answer (Maton's 400/401/429), or null to read it as
   * Meta's Graph envelope.
   */
  errorFromResponse?: (response: TransportResponse, retryAfterSeconds: number | null, safeToRepeat: boolean) => WhatsAppError | null;
}

export interface GraphCall {
  method: HttpMethod;
  /** Path after the version, starting with "/". */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  json?: JsonObject;
  multipart?: { body: Uint8Array; contentType: string };
  /**
   * Whether sending the request again is harmless. Decides what may be retried (see
   * retry-policy): a send is not, mark-as-read or a lookup is.
   */
  safeToRepeat: boolean;
  /**
   * For deletes: recognizes an error that, on a repeated attempt, means an earlier attempt already
   * did the work (its answer was lost) and returns the answer that attempt would have given.
   */
  alreadyDone?: (error: WhatsAppError) => Record<string, unknown> | null;
}

export interface DownloadedBytes {
  data: Uint8Array;
  contentType: string | null;
}

const decoder = new TextDecoder();

/**
 * Graph API calls with authentication, retries and error envelopes; shared by Cloud and Maton.
 * The options hold credentials, so they live in a private field that neither JSON.stringify nor
 * util.inspect can reach.
 */
export class GraphClient {
  readonly #options: GraphClientOptions;

  constructor(options: GraphClientOptions) {
    this.#options = options;
  }

  toJSON(): Record<string, string> {
    return { baseUrl: this.#options.baseUrl, apiVersion: this.#options.apiVersion };
  }

  [INSPECT_CUSTOM](): string {
    return `GraphClient ${this.#options.baseUrl}/${this.#options.apiVersion}`;
  }

  url(path: string, query: GraphCall['query'] = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return `${this.#options.baseUrl}/${this.#options.apiVersion}${path}${search}`;
  }

  async call(call: GraphCall): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { ...this.#options.headers, accept: 'application/json', 'user-agent': this.#options.userAgent };
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.multipart !== undefined) {
      headers['content-type'] = call.multipart.contentType;
      body = call.multipart.body;
    }
    const request: TransportRequest = { method: call.method, url: this.url(call.path, call.query), headers, body, timeoutMs: this.#options.requestTimeoutMs };
    return this.withRetries(request, call.safeToRepeat, (response) => this.parseJson(response, call.safeToRepeat), call.alreadyDone);
  }

  /** GET an absolute media URL; credentials go only to trusted hosts. */
  async download(rawUrl: string): Promise<DownloadedBytes> {
    const { errorContext } = this.#options;
    const url = URL.canParse(rawUrl) ? new URL(rawUrl) : null;
    if (url === null) {
      throw new WhatsAppApiError({ message: `${errorContext.label} returned a media URL that is not a URL`, provider: errorContext.provider });
    }
    if (!this.#options.isTrustedMediaHost(url)) {
      throw new WhatsAppConfigError(
        `Refusing to send credentials to ${url.origin}: it is not the provider's host or a Meta media host`,
        errorContext.provider,
        'If your provider serves media from another host, add it to trustedMediaHosts in the provider configuration.',
      );
    }
    const request: TransportRequest = {
      method: 'GET',
      url: url.toString(),
      headers: { ...this.#options.headers, 'user-agent': this.#options.userAgent },
      timeoutMs: this.#options.requestTimeoutMs,
    };
    return this.withRetries(request, true, (response) => {
      const contentType = response.headers['content-type'] ?? null;
      // Meta's media host answers some failures with an HTML page and status 200.
      if (contentType !== null && contentType.toLowerCase().startsWith('text/html')) {
        return this.invalidAnswer(`${errorContext.label} answered the media download with an HTML page instead of the file`, response, true);
      }
      return { data: response.body, contentType };
    });
  }

  private parseJson(response: TransportResponse, safeToRepeat: boolean): Record<string, unknown> | WhatsAppError {
    const answer = readJsonAnswer(decoder.decode(response.body));
    if (answer.ok) return answer.value;
    return this.invalidAnswer(`${this.#options.errorContext.label} answered HTTP ${response.status} with ${answer.problem}`, response, safeToRepeat);
  }

  private invalidAnswer(message: string, response: TransportResponse, retryable: boolean): WhatsAppError {
    return new WhatsAppApiError({ message, provider: this.#options.errorContext.provider, httpStatus: response.status, retryable });
  }

  /**
   * Sends with the shared retry policy; a Graph gateway may read its own error bodies first
   * (`errorFromResponse`), falling back to Meta's envelope.
   */
  private withRetries<T>(
    request: TransportRequest,
    safeToRepeat: boolean,
    read: (response: TransportResponse) => T | WhatsAppError,
    done?: (error: WhatsAppError) => T | null,
  ): Promise<T> {
    const { errorContext, transport, retry, clock, errorFromResponse } = this.#options;
    return sendWithRetries(
      {
        errorContext,
        transport,
        retry,
        clock,
        errorFromResponse: (response, retryAfter, safeToRepeatIt) =>
          errorFromResponse?.(response, retryAfter, safeToRepeatIt) ?? apiErrorFromResponse(response, errorContext, retryAfter, safeToRepeatIt),
      },
      request,
      safeToRepeat,
      read,
      done,
    );
  }
}
