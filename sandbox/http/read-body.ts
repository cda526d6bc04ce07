import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from './body-budget';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/**
 * After a refusal the rest of a body is read and thrown away, so the client (still sending) reads
 * the 413 instead of a connection reset. Past this many discarded bytes the client is not
 * listening and the connection is closed.
 */
const DISCARD_LIMIT = 128 * 1024 * 1024;

/**
 * Requests that sent `Expect: 100-continue`, with their responses. The server does not answer
 * "100 Continue" up front: only readBody does, once it has decided to read. A request refused
 * before that gets its final answer and the client never sends the body.
 */
const awaitingContinue = new WeakMap<IncomingMessage, ServerResponse>();

export function expectsContinue(request: IncomingMessage, response: ServerResponse): void {
  awaitingContinue.set(request, response);
}

function sendContinue(request: IncomingMessage): void {
  const response = awaitingContinue.get(request);
  if (response === undefined) return;
  awaitingContinue.delete(request);
  if (!response.headersSent) response.writeContinue();
}

/** The declared Content-Length; null when the body is chunked or the header is not a plain number. */
export function declaredLength(request: IncomingMessage): number | null {
  const header = request.headers['content-length'];
  if (header === undefined || !/^\d{1,16}$/.test(header)) return null;
  return Number(header);
}

/** Whether the request has a body at all (HTTP/1.1: a Content-Length above 0 or a transfer coding). */
export function hasBody(request: IncomingMessage): boolean {
  const length = declaredLength(request);
  return (length !== null && length > 0) || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads and throws away the rest of a refused body (nothing is stored). Callers answer right away;
 * the connection stays usable when the body ends, and is closed if it goes on past DISCARD_LIMIT.
 */
export function discardBody(request: IncomingMessage): void {
  // A client waiting for "100 Continue" is not told to send: it gets the final answer instead.
  awaitingContinue.delete(request);
  let discarded = 0;
  request.removeAllListeners('data');
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) request.socket.destroy();
  });
  request.on('error', () => undefined);
  request.resume();
}

/**
 * Buffers the whole request body, at most `limit` bytes. A declared Content-Length over the limit
 * is refused before any byte is read; a body that outgrows the limit while streaming (chunked, or
 * longer than declared) is refused as soon as it does. Either way the rest is discarded, not
 * stored. With a budget, the bytes this body may occupy are reserved before reading starts.
 */
export async function readBody(request: IncomingMessage, limit: number, budget?: BodyBudget): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) {
    discardBody(request);
    throw new BodyTooLargeError(limit);
  }
  if (!hasBody(request)) {
    request.resume();
    return Buffer.alloc(0);
  }
  const release = budget === undefined ? () => undefined : await budget.acquire(declared ?? limit);
  sendContinue(request);
  try {
    return await collect(request, limit);
  } finally {
    release();
  }
}

function collect(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanUp();
      chunks.length = 0;
      discardBody(request);
      reject(new BodyTooLargeError(limit));
    };
    const onEnd = (): void => {
      cleanUp();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const onClose = (): void => {
      cleanUp();
      if (!request.complete) reject(new Error('the client closed the connection before the request body ended'));
    };
    const cleanUp = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}
