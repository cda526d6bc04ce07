import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reading request bodies without letting senders decide how much memory the server uses:
 * - a body larger than its limit is refused with 413, whether its Content-Length says so up front
 *   or a chunked body grows past the limit; the rest is read and discarded (up to a bound) so the
 *   client gets the 413 instead of a connection reset;
 * - all bodies being read at once share a byte budget, counted as bytes arrive: past it, 503 with
 *   Retry-After, so many concurrent uploads cannot add up to more than the budget;
 * - an endpoint may set a deadline for the whole body (408) and a cap on bodies in flight per
 *   client address (503), so idle or trickling senders cannot keep slots for long.
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

export interface ReadBodyOptions {
  /** Keeps the body's bytes counted in the budget until this response is closed. */
  holdUntil?: ServerResponse;
  /** The whole body must arrive within this many ms of the call, or BodyTimeout. */
  deadlineMs?: number;
}

/** The body did not arrive in time (408). */
export class BodyTimeout extends Error {
  constructor(readonly ms: number) {
    super(`request body not received within ${ms} ms`);
  }
}

/**
 * Reads the raw body, at most `limit` bytes, within `budget`. Rejects with BodyTooLarge (a declared
 * length over the limit is refused before a byte is read), BodyBudgetExceeded or BodyTimeout; in
 * the first two cases the rest of the body is discarded, never buffered, so the caller can still
 * answer; after a timeout the connection is closed once the answer is sent. Bytes are reserved in
 * the budget as they arrive, never on the strength of a declared Content-Length: a sender that
 * declares a large body and sends nothing holds nothing.
 */
export function readBody(req: IncomingMessage, limit: number, budget: BodyBudget, options: ReadBodyOptions = {}): Promise<Buffer> {
  const { holdUntil, deadlineMs } = options;
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req);
    if (declared !== null && declared > limit) {
      discardRest(req);
      reject(new BodyTooLarge(limit));
      return;
    }
    let reserved = 0;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: Error, drain = true): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      budget.free(reserved);
      reserved = 0;
      chunks.length = 0;
      if (drain) discardRest(req);
      reject(error);
    };
    if (deadlineMs !== undefined) {
      timer = setTimeout(() => {
        // Nothing more is read: the answer (408) closes the connection, or it is cut if none is sent.
        req.removeAllListeners('data');
        req.pause();
        if (holdUntil !== undefined && !holdUntil.headersSent) holdUntil.setHeader('connection', 'close');
        fail(new BodyTimeout(deadlineMs), false);
        if (holdUntil === undefined) req.socket.destroy();
        else holdUntil.once('finish', () => req.socket.destroySoon());
      }, deadlineMs);
      timer.unref();
    }
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        fail(new BodyTooLarge(limit));
        return;
      }
      if (!budget.reserve(chunk.length)) {
        fail(new BodyBudgetExceeded());
        return;
      }
      reserved += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
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

/**
 * Bodies being read at once per client address: one address cannot hold every slot of the shared
 * budget and deadline (behind a tunnel or proxy every sender shares one address, so the cap is set
 * well above what one genuine sender needs at once).
 */
export class PerClientSlots {
  private readonly inUse = new Map<string, number>();

  constructor(readonly maxPerClient: number) {}

  /** Takes a slot for the request's address until `res` closes; false when that address has none left. */
  take(req: IncomingMessage, res: ServerResponse): boolean {
    const address = req.socket.remoteAddress ?? 'unknown';
    const count = this.inUse.get(address) ?? 0;
    if (count >= this.maxPerClient) return false;
    this.inUse.set(address, count + 1);
    res.once('close', () => {
      const left = (this.inUse.get(address) ?? 1) - 1;
      if (left <= 0) this.inUse.delete(address);
      else this.inUse.set(address, left);
    });
    return true;
  }

  /** Bodies in flight from this address (for tests and logs). */
  count(address: string): number {
    return this.inUse.get(address) ?? 0;
  }
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
