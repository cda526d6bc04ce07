export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** Give up when the answer (headers and whole body) has not arrived within this many ms of sending. */
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
}

/**
 * The only way core talks HTTP. Implementations return every HTTP answer (including 4xx/5xx) as a
 * response and throw WhatsAppNetworkError when there is no answer, saying whether the request may
 * have reached the server. The undici implementation is core's default; the n8n face implements
 * this over n8n's request helpers.
 */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  close?(): Promise<void>;
}
