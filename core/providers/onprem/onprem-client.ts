import type { ErrorContext } from '../../errors/graph-envelope';
import { WhatsAppApiError } from '../../errors/other-errors';
import { WhatsAppError } from '../../errors/whatsapp-error';
import type { JsonObject } from '../../json';
import { readJsonAnswer } from '../../json-answer';
import type { JsonAnswer } from '../../json-answer';
import { objects, str } from '../../json-read';
import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import type { AccountHealth } from '../../schemas/account';
import type { HttpMethod, Transport, TransportRequest, TransportResponse } from '../../transport/transport';
import { sendWithRetries } from '../../transport/with-retries';
import { LOGIN_FAILED_HINT, STARTUP_HINT, UNREGISTERED_HINT } from './onprem-error-codes';
import { isNotReady, notReadyVerdict, onPremErrorFromResponse, wasRefused, withTlsAdvice, withVerdict } from './onprem-errors';
import { toAccountHealth } from './onprem-health';
import { ReadinessGate } from './onprem-readiness';
import type { ReadinessOutcome } from './onprem-readiness';
import { OnPremSession, parseExpiresAfter } from './onprem-session';
import type { LoginToken } from './onprem-session';

/** The client's "password change required" code: the password is right but must be changed first. */
const PASSWORD_CHANGE_REQUIRED = 1024;

export interface OnPremClientOptions {
  errorContext: ErrorContext;
  /** Ends in /v1. */
  baseUrl: string;
  /** Null with transportAuthenticates: the transport logs in and adds the token itself. */
  login: { username: string; password: string } | null;
  readinessTimeoutMs: number;
  transport: Transport;
  retry: Required<RetryOptions>;
  clock: Clock;
  requestTimeoutMs?: number;
  userAgent: string;
}

export interface OnPremCall {
  method: HttpMethod;
  /** Path after /v1, starting with "/". */
  path: string;
  json?: JsonObject;
  /** A raw body (media upload) with its Content-Type. */
  raw?: { body: Uint8Array; contentType: string };
  /** Whether sending it again is harmless: a send is not; a read, mark-read or settings change is. */
  safeToRepeat: boolean;
  /**
   * Whether the core app must be up: messages, media, profile and contacts. Health, registration
   * and application settings are served while it starts (and must be, to register a new client).
   */
  needsReady: boolean;
  /** For deletes: an error on a repeated attempt that proves an earlier attempt did the work. */
  alreadyDone?: (error: WhatsAppError) => boolean;
  /** Health polls repeat on their own schedule; they skip the retry loop. */
  noRetries?: boolean;
}

export interface OnPremAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface OnPremBytes {
  data: Uint8Array;
  contentType: string | null;
}

const decoder = new TextDecoder();
const NO_RETRIES: Required<RetryOptions> = { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 };

/**
 * The base64 of HTTP Basic credentials, as the login's Authorization header carries it (and as a
 * server may echo it, bare, which is why the provider's redactor knows it too). Buffer keeps
 * non-ASCII passwords intact (btoa would throw on them).
 */
export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * Calls to the On-Premises client's web app: logs in (Basic) and sends the Bearer token, logs in
 * again once when the client refuses it, waits for the core app to be ready before the first call
 * and after start-up failures, and retries by the shared policy. Credentials and tokens live in
 * private fields that neither JSON.stringify nor util.inspect reach.
 */
export class OnPremClient {
  readonly #options: OnPremClientOptions;
  readonly #session: OnPremSession;
  readonly #gate: ReadinessGate;

  constructor(options: OnPremClientOptions) {
    this.#options = options;
    this.#session = new OnPremSession(() => this.#logIn(), options.clock);
    this.#gate = new ReadinessGate({
      timeoutMs: options.readinessTimeoutMs,
      clock: options.clock,
      health: () => this.health(true),
    });
  }

  toJSON(): Record<string, string> {
    return { baseUrl: this.#options.baseUrl };
  }

  [INSPECT_CUSTOM](): string {
    return `OnPremClient ${this.#options.baseUrl}`;
  }

  /** Redacts the configured credentials and every token this client has held. */
  redact(text: string): string {
    let out = this.#options.errorContext.redact(text);
    for (const token of this.#session.secrets()) out = out.split(token).join('[redacted]');
    return out;
  }

  async json(call: OnPremCall): Promise<OnPremAnswer> {
    const done = call.alreadyDone && ((error: WhatsAppError): OnPremAnswer | null => (call.alreadyDone?.(error) ? { status: 200, body: {} } : null));
    return this.#run(call, (response) => this.#readJson(response), done);
  }

  async bytes(call: OnPremCall): Promise<OnPremBytes> {
    return this.#run(call, (response) => {
      const contentType = response.headers['content-type'] ?? null;
      // A JSON body with an error list is the client's error, whatever the status says.
      if (contentType !== null && contentType.toLowerCase().includes('json')) {
        const answer = this.#readJson(response);
        if (answer instanceof WhatsAppError) return answer;
      }
      return { data: response.body, contentType };
    });
  }

  /** GET /v1/health; `forGate` marks the readiness gate's own polls (no retries, no readiness wait). */
  async health(forGate = false): Promise<AccountHealth> {
    const call: OnPremCall = { method: 'GET', path: '/health', safeToRepeat: true, needsReady: false, noRetries: forGate };
    const answer = forGate ? await this.#withAuth(call, (response) => this.#readJson(response)) : await this.json(call);
    const { provider, label } = this.#options.errorContext;
    return toAccountHealth(answer.body, { name: provider, label });
  }

  async #run<T>(call: OnPremCall, read: (response: TransportResponse) => T | WhatsAppError, done?: (error: WhatsAppError) => T | null): Promise<T> {
    try {
      if (call.needsReady) this.#throwUnlessReady(await this.#gate.ensure(), null, call);
      return await this.#withAuth(call, read, done);
    } catch (error) {
      if (!(error instanceof WhatsAppError) || !isNotReady(error)) throw withTlsAdvice(toWhatsAppError(error, this));
      if (!call.needsReady) throw notReadyVerdict(error, call.safeToRepeat);
      // Whatever happens to this call, the next ones wait for the client first.
      this.#gate.markNotReady();
      if (!this.#gate.waits || !(call.safeToRepeat || wasRefused(error))) throw notReadyVerdict(error, call.safeToRepeat);
      this.#throwUnlessReady(await this.#gate.recover(), error, call);
    }
    try {
      return await this.#withAuth(call, read, done);
    } catch (error) {
      // A repeat whose failure proves the first attempt did the work (a delete answered "not found").
      const finished = error instanceof WhatsAppError ? done?.(error) ?? null : null;
      if (finished !== null) return finished;
      if (error instanceof WhatsAppError && isNotReady(error)) throw notReadyVerdict(error, call.safeToRepeat);
      throw withTlsAdvice(toWhatsAppError(error, this));
    }
  }

  #throwUnlessReady(outcome: ReadinessOutcome, cause: WhatsAppError | null, call: OnPremCall): void {
    if (outcome.ready) return;
    if (cause !== null) throw outcome.unregistered ? withVerdict(cause, UNREGISTERED_HINT, false) : notReadyVerdict(cause, call.safeToRepeat);
    const status = outcome.health?.gatewayStatus ?? null;
    const { provider, label } = this.#options.errorContext;
    throw new WhatsAppApiError({
      message: outcome.unregistered
        ? `${label} is not registered (gateway_status "${status ?? 'unknown'}"): nothing can be sent yet`
        : `${label} is not ready: gateway_status is ${status === null ? 'unknown (the health check kept failing)' : `"${status}"`} after waiting ${this.#options.readinessTimeoutMs} ms`,
      // gateway_status is the server's text.
      redact: (text) => this.redact(text),
      provider,
      hint: outcome.unregistered ? UNREGISTERED_HINT : STARTUP_HINT,
      retryable: !outcome.unregistered,
    });
  }

  /** One call with the current token; a refused token is replaced by a fresh login, once. */
  async #withAuth<T>(call: OnPremCall, read: (response: TransportResponse) => T | WhatsAppError, done?: (error: WhatsAppError) => T | null): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const token = this.#options.login === null ? null : await this.#session.token();
      try {
        return await this.#send(call, token === null ? {} : { authorization: `Bearer ${token}` }, read, done);
      } catch (caught) {
        // Rethrown through a local: n8n's lint refuses `throw <catch parameter>` in node code.
        const error: unknown = caught;
        if (!(error instanceof WhatsAppApiError) || error.httpStatus !== 401) throw error;
        if (token !== null && attempt === 0) {
          this.#session.invalidate(token);
          continue;
        }
        // "Password change required" already carries its own hint; a generic one would hide it.
        if (error.metaCode === PASSWORD_CHANGE_REQUIRED) throw error;
        throw withVerdict(
          error,
          token === null
            ? 'The client refused the token the transport sent: check the username and password in the credential.'
            : 'The client refused a token it had just issued: check that this user may make this call (settings and registration need an admin user).',
          false,
        );
      }
    }
  }

  async #logIn(): Promise<LoginToken> {
    const login = this.#options.login;
    if (login === null) throw new Error('unreachable: no login without credentials');
    const call: OnPremCall = { method: 'POST', path: '/users/login', safeToRepeat: true, needsReady: false };
    try {
      return await this.#send(
        call,
        { authorization: `Basic ${basicCredentials(login.username, login.password)}` },
        (response) => {
          const answer = this.#readJson(response);
          if (answer instanceof WhatsAppError) return answer;
          const user = objects(answer.body.users)[0] ?? {};
          const token = str(user.token);
          if (token === null || token === '') {
            return new WhatsAppApiError({ message: `${this.#options.errorContext.label} answered the login without a token`, provider: this.#options.errorContext.provider });
          }
          return { token, expiresAt: parseExpiresAfter(str(user.expires_after)) };
        },
        undefined,
        'login error',
      );
    } catch (error) {
      // 1024 keeps its own hint: the password is right but must be changed first.
      if (error instanceof WhatsAppApiError && error.httpStatus === 401 && error.metaCode !== PASSWORD_CHANGE_REQUIRED) throw withVerdict(error, LOGIN_FAILED_HINT, false);
      throw withTlsAdvice(toWhatsAppError(error, this));
    }
  }

  #send<T>(
    call: OnPremCall,
    auth: Record<string, string>,
    read: (response: TransportResponse) => T | WhatsAppError,
    done?: (error: WhatsAppError) => T | null,
    what = 'error',
  ): Promise<T> {
    const { transport, retry, clock, userAgent, requestTimeoutMs, errorContext } = this.#options;
    const headers: Record<string, string> = { ...auth, accept: 'application/json', 'user-agent': userAgent };
    let body: string | Uint8Array | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.raw !== undefined) {
      headers['content-type'] = call.raw.contentType;
      body = call.raw.body;
    }
    const request: TransportRequest = { method: call.method, url: `${this.#options.baseUrl}${call.path}`, headers, body, timeoutMs: requestTimeoutMs };
    const context: ErrorContext = { ...errorContext, redact: (text) => this.redact(text) };
    return sendWithRetries(
      {
        errorContext: context,
        transport,
        retry: call.noRetries === true ? NO_RETRIES : retry,
        clock,
        errorFromResponse: (response, retryAfter) => onPremErrorFromResponse(response, context, retryAfter, what),
      },
      request,
      call.safeToRepeat,
      read,
      done,
    );
  }

  /** A 2xx answer: JSON (an empty body reads as {}), and an error list in it is an error. */
  #readJson(response: TransportResponse): OnPremAnswer | WhatsAppError {
    const text = decoder.decode(response.body);
    const answer: JsonAnswer = text.trim() === '' ? { ok: true, value: {} } : readJsonAnswer(text);
    const { provider, label } = this.#options.errorContext;
    if (!answer.ok) {
      return new WhatsAppApiError({ message: `${label} answered HTTP ${response.status} with ${answer.problem}`, provider, httpStatus: response.status });
    }
    const parsed = answer.value;
    if (objects(parsed.errors).length > 0) {
      return onPremErrorFromResponse(response, { ...this.#options.errorContext, redact: (t) => this.redact(t) }, null);
    }
    return { status: response.status, body: parsed };
  }
}

/** Anything thrown below is a WhatsAppError already; this only guards the type. */
function toWhatsAppError(error: unknown, client: OnPremClient): WhatsAppError {
  if (error instanceof WhatsAppError) return error;
  return new WhatsAppApiError({ message: `unexpected failure: ${error instanceof Error ? error.message : String(error)}`, redact: (text) => client.redact(text), provider: 'onprem' });
}
