import { createProvider, WhatsAppNetworkError } from 'whatsapp-business-core';
import type { Operation, ProviderConfig, Transport, TransportRequest, TransportResponse } from 'whatsapp-business-core';
import { credentialFreeConfig } from '../provider-setup';

/** The request a side effect would have sent, without its credentials. */
export interface CapturedRequest {
  method: string;
  url: string;
  /** The JSON body, or a description of a multipart upload; null without a body. */
  body: Record<string, unknown> | null;
}

/** A transport that records the request and never sends it. */
class CapturingTransport implements Transport {
  captured: TransportRequest | null = null;

  async request(request: TransportRequest): Promise<TransportResponse> {
    this.captured ??= request;
    throw new WhatsAppNetworkError({ message: 'dry run: not sent', failure: 'other', requestMayHaveReachedServer: false, retryable: false });
  }
}

const decoder = new TextDecoder('latin1');

/** Field names, values and file metadata of a multipart body (the file bytes are summarized). */
function describeMultipart(body: Uint8Array, contentType: string): Record<string, unknown> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  const fields: Record<string, unknown> = {};
  if (boundary !== undefined) {
    for (const part of decoder.decode(body).split(`--${boundary}`)) {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) continue;
      const head = part.slice(0, split);
      const name = /name="([^"]*)"/.exec(head)?.[1];
      if (name === undefined) continue;
      const content = part.slice(split + 4).replace(/\r\n$/, '');
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      if (filename === undefined) fields[name] = content;
      else fields[name] = { filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null, bytes: Buffer.byteLength(content, 'latin1') };
    }
  }
  return { multipart: fields };
}

function describe(request: TransportRequest): CapturedRequest {
  const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  let body: Record<string, unknown> | null = null;
  if (typeof request.body === 'string') {
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      body = { text: request.body };
    }
  } else if (request.body instanceof Uint8Array) {
    body = contentType.startsWith('multipart/') ? describeMultipart(request.body, contentType) : { bytes: request.body.byteLength };
  }
  // Headers are left out on purpose: they carry the access token.
  return { method: request.method, url: request.url, body };
}

/**
 * Runs a validated side effect against a provider whose transport only records: the provider
 * builds exactly the request it would send (path, query, body), nothing leaves the process. The
 * provider gets no credentials (the transport "authenticates"), so nothing like a login comes
 * first and no credential is in the captured request.
 */
export async function captureRequest(operation: Operation, config: ProviderConfig, input: unknown): Promise<CapturedRequest> {
  const transport = new CapturingTransport();
  const provider = createProvider({ ...credentialFreeConfig(config), transport, retry: { maxRetries: 0 } });
  try {
    await operation.execute(provider as never, input as never);
  } catch (error) {
    if (transport.captured === null) throw error;
  } finally {
    await provider.close();
  }
  if (transport.captured === null) throw new Error(`${operation.name} made no request to capture`);
  return describe(transport.captured);
}
