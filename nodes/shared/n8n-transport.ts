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

/**
 * Core's Transport over n8n's request helpers, so n8n's proxy, TLS and timeout settings apply and
 * the credential signs every request (core sends no Authorization header of its own here). Core
 * only ever asks for its provider's host or a trusted media host, and redirects never carry the
 * credential to another origin.
 */
export function n8nTransport(context: IAllExecuteFunctions, credentialType: string): Transport {
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
      let response: IN8nHttpFullResponse;
      try {
        response = (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, options)) as IN8nHttpFullResponse;
      } catch (error) {
        throw toNetworkError(error, new URL(request.url).origin);
      }
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: toBytes(response.body) };
    },
  };
}
