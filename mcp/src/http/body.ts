import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reading request bodies without letting senders decide how much memory the server uses:
 * - a body larger than its limit is refused with 413, whether its Content-Length says so up front
 *   or a chunked body grows past the limit; the rest is read and discarded (up to a bound) so the
 *   client gets the 413 instead of a connection reset;
 * - all bodies being read at once share a byte budget: past it, 503 with Retry-After, so many
 *   concurrent uploads cannot add up to more than the budget.
 */

/** The body is over the per-request limit (413). */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/** Too many bytes are being read at once across requests (503). */
export class BodyBudgetExceeded extends Error {
  constructor() {
    super('too many request bodies being read at once');
  }
}

/** After refusing a body, at most this much more is read (and dropped) before the connection is cut. */
export const MAX_DISCARD_BYTES = 4 * 1024 * 1024;

/** Bytes reserved by bodies being read; shared by the requests of one endpoint. */
export class BodyBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get inUse(): number {
    return this.used;
  }

  reserve(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  free(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** Drops the rest of a refused body; a sender that keeps going past the bound is cut off. */
export function discardRest(req: IncomingMessage): void {
  if (req.complete) return;
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DISCARD_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/** The Content-Length a request declares, or null (chunked, or absent). */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined) return null;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/**
 * Reads the raw body, at most `limit` bytes, within `budget`. Rejects with BodyTooLarge (a declared
 * length over the limit is refused before a byte is read) or BodyBudgetExceeded; in both cases the
 * rest of the body is discarded, never buffered, so the caller can still answer. With `holdUntil`,
 * the body's bytes stay counted until that response is closed.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget, holdUntil?: ServerResponse): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) {
      discardRest(req);
      reject(new BodyTooLarge(limit));
      return;
    }
    // A declared length is reserved whole, up front; a chunked body reserves as it arrives.
    let reserved = 0;
    if (declared !== null) {
      if (!budget.reserve(declared)) {
        discardRest(req);
        reject(new BodyBudgetExceeded());
        return;
      }
      reserved = declared;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      budget.free(reserved);
      chunks.length = 0;
      discardRest(req);
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        fail(new BodyTooLarge(limit));
        return;
      }
      if (size > reserved) {
        if (!budget.reserve(size - reserved)) {
          fail(new BodyBudgetExceeded());
          return;
        }
        reserved = size;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      const body = Buffer.concat(chunks);
      // Held until the answer is sent when the caller says so: it works on the body until then.
      if (holdUntil === undefined || holdUntil.closed) budget.free(reserved);
      else holdUntil.once('close', () => budget.free(reserved));
      resolve(body);
    });
    req.on('error', (error) => fail(error));
    req.on('close', () => {
      if (!settled) fail(new Error('the client closed the connection before sending the whole body'));
    });
  });
}

/** A plain-text answer (none when one was already sent). */
export function replyText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(body);
}

/** Refuses a request without reading its body (only draining it, bounded). */
export function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  discardRest(req);
  replyText(res, status, body, headers);
}
