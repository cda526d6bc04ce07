import { Agent } from 'undici';
import { toNetworkError } from './network-failure';
import type { Transport, TransportRequest, TransportResponse } from './transport';

export interface UndiciTransportOptions {
  /** Time allowed to open a TCP/TLS connection. */
  connectTimeoutMs?: number;
  /** Default time allowed for the answer, headers and complete body, after sending (connecting has its own limit). */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs?: number;
  /** Connections per origin (default 64): at ~250 ms per call to Meta that carries ~250 messages/s. */
  connections?: number;
  /** Larger responses are refused (media downloads are at most 100 MB). */
  maxResponseBytes?: number;
  /**
   * Accept any TLS certificate, self-signed ones included. Only for a server you trust that has no
   * certificate from a public authority (a WhatsApp On-Premises client's default set-up); off unless
   * explicitly enabled, because it also accepts an attacker's certificate.
   */
  insecureTls?: boolean;
}

/**
 * Reads a response body, giving up once the deadline has passed. undici's body timer only fires
 * after a pause; checking the deadline per chunk also stops a server that trickles its body, and
 * costs nothing like a timer or abort signal per request (measured with bench/).
 */
async function readBefore(body: AsyncIterable<Buffer> & { destroy(): void }, deadline: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    if (Date.now() > deadline) {
      body.destroy();
      throw Object.assign(new Error('the whole request took longer than its timeout'), { name: 'TimeoutError' });
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  const joined = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
}

/** Origin and path of an absolute URL; parsing a URL object per request showed up in profiles. */
function splitUrl(url: string): { origin: string; path: string } {
  const match = /^(https?:\/\/[^/?#]+)([^#]*)/i.exec(url);
  if (match === null) {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  }
  return { origin: match[1], path: match[2] === '' ? '/' : match[2] };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Keep-alive connection pools per origin, with connect, header, body and overall timeouts. */
export class UndiciTransport implements Transport {
  private readonly agent: Agent;
  private readonly requestTimeoutMs: number;
  private closed = false;

  constructor(options: UndiciTransportOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 10_000, ...(options.insecureTls === true ? { rejectUnauthorized: false } : {}) },
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connections: options.connections ?? 64,
      headersTimeout: this.requestTimeoutMs,
      bodyTimeout: this.requestTimeoutMs,
      maxResponseSize: options.maxResponseBytes ?? 128 * 1024 * 1024,
    });
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    const timeoutMs = request.timeoutMs ?? this.requestTimeoutMs;
    let origin = 'the server';
    try {
      const target = splitUrl(request.url);
      origin = target.origin;
      const deadline = Date.now() + timeoutMs;
      const response = await this.agent.request({
        origin: target.origin,
        path: target.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const body = await readBefore(response.body, deadline);
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body };
    } catch (error) {
      throw toNetworkError(error, origin);
    }
  }

  /** Safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agent.close();
  }
}
