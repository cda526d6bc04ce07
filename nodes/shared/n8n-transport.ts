import type { IAllExecuteFunctions, IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { toNetworkError } from './core';
import type { Transport, TransportRequest, TransportResponse } from './core';

/** Lower-case header names, repeated values joined, like core's own transport. */
function flattenHeaders(headers: IDataObject | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

function toBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body === undefined || body === null) return new Uint8Array(0);
  // n8n parsed it although we asked for bytes; give core the JSON it would have received.
  return new TextEncoder().encode(JSON.stringify(body));
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * The HTTP answer inside an error n8n threw for a non-2xx status: n8n wraps the HTTP client's
 * error (whose `response` holds status, headers and body) in a NodeApiError as its `cause`, and
 * keeps the status as `httpCode`. Some n8n versions (2.8) drop that cause, and a refused login
 * (the credential's preAuthentication) throws no HTTP answer at all: then only the status and
 * the error's words are left, and they stand in for the body (as text), so that the reason (a
 * refused login says why) still reaches the user. Null when the error carries no
 * answer (a network failure).
 */
export function answerInside(error: unknown): TransportResponse | null {
  for (let at: unknown = error, depth = 0; at !== undefined && at !== null && depth < 4; at = field(at, 'cause'), depth += 1) {
    const response = field(at, 'response');
    const status = field(response, 'status') ?? field(response, 'statusCode');
    if (typeof status === 'number') {
      const headers = field(response, 'headers');
      return {
        status,
        headers: flattenHeaders(typeof headers === 'object' && headers !== null ? (headers as IDataObject) : undefined),
        body: toBytes(field(response, 'data') ?? field(response, 'body')),
      };
    }
  }
  const httpCode = Number(field(error, 'httpCode'));
  if (!Number.isInteger(httpCode) || httpCode < 400) return null;
  // n8n replaces the message of a 401 or 403 with its own ("Authorization failed - ...") and
  // keeps the thrown one as the description.
  const said = [field(error, 'description'), field(error, 'message')].find((value) => typeof value === 'string' && value.trim() !== '');
  const text = typeof said === 'string' ? said.trim() : '';
  return { status: httpCode, headers: text === '' ? {} : { 'content-type': 'text/plain' }, body: new TextEncoder().encode(text) };
}

export interface N8nTransportOptions {
  /** Accept certificates that cannot be verified (the user's explicit "Ignore SSL Issues" choice). */
  skipSslCertificateValidation?: boolean;
  /**
   * The credential holds an expirable token (n8n's preAuthentication): on a 401, send once more
   * the way that makes n8n log in again, as it does only for requests that throw on a 401.
   */
  reauthenticateOn401?: boolean;
}

/**
 * Core's Transport over n8n's request helpers, so n8n's proxy, TLS and timeout settings apply and
 * the credential signs every request (core sends no Authorization header of its own here). Core
 * only ever asks for its provider's host or a trusted media host, and redirects never carry the
 * credential to another origin. Bodies are bytes both ways (JSON, multipart, or a raw file).
 */
export function n8nTransport(context: IAllExecuteFunctions, credentialType: string, transportOptions: N8nTransportOptions = {}): Transport {
  const send = async (options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> =>
    (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options)) as IN8nHttpFullResponse;

  return {
    async request(request: TransportRequest): Promise<TransportResponse> {
      const options: IHttpRequestOptions = {
        url: request.url,
        method: request.method,
        headers: { ...request.headers },
        encoding: 'arraybuffer',
        returnFullResponse: true,
        ignoreHttpStatusErrors: true,
        json: false,
        sendCredentialsOnCrossOriginRedirect: false,
      };
      if (request.body !== undefined) options.body = typeof request.body === 'string' ? request.body : Buffer.from(request.body);
      if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
      if (transportOptions.skipSslCertificateValidation === true) options.skipSslCertificateValidation = true;
      const origin = new URL(request.url).origin;
      let response: IN8nHttpFullResponse;
      try {
        response = await send({ ...options, headers: { ...options.headers } });
      } catch (error) {
        // Statuses never throw here; an answer inside an error is a refused login (preAuthentication).
        const answer = answerInside(error);
        if (answer === null) throw toNetworkError(error, origin);
        return answer;
      }
      if (response.statusCode === 401 && transportOptions.reauthenticateOn401 === true) {
        // A refused token did nothing on the server, so sending again is safe for any method.
        try {
          response = await send({ ...options, headers: { ...options.headers }, ignoreHttpStatusErrors: false });
        } catch (error) {
          const answer = answerInside(error);
          if (answer === null) throw toNetworkError(error, origin);
          return answer;
        }
      }
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: toBytes(response.body) };
    },
  };
}
