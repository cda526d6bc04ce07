import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: Buffer;
  signal: AbortSignal;
  timeoutMs: number;
}

export type OutboundResult = { ok: true; status: number; body: string } | { ok: false; error: string };

/**
 * One HTTP exchange with a webhook receiver. A fresh connection per request (agent: false) means
 * nothing lingers in a socket pool after the sandbox closes.
 */
export function sendOutbound(options: OutboundRequest): Promise<OutboundResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      resolve({ ok: false, error: `invalid URL '${options.url}'` });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string | number> = {
      'User-Agent': 'facebookexternalua',
      ...options.headers,
    };
    if (options.body !== undefined) headers['Content-Length'] = options.body.length;
    const request = send(url, { method: options.method, headers, agent: false, signal: options.signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ ok: true, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', (error) => resolve({ ok: false, error: error.message }));
    });
    request.setTimeout(options.timeoutMs, () => request.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, error: error.message }));
    request.end(options.body);
  });
}
