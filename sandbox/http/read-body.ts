import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClientGoneError, DEFAULT_BODY_TIMEOUTS, type BodyBudget } from './body-budget';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** Raised when a body stops arriving for longer than allowed: answered 408, the connection closed. */
export class BodyIdleError extends Error {
  constructor(readonly idleMs: number) {
    super(`request body: no byte arrived for ${idleMs} ms`);
  }
}

/** Whether the client has gone: its connection closed or the request was aborted. */
function clientGone(request: IncomingMessage): boolean {
  return request.destroyed || request.readableAborted;
}

/**
 * Reserves room in the budget for this body, giving up (without reserving anything) as soon as the
 * client disconnects while waiting. A grant that arrives just as the client leaves is released at once.
 */
async function reserve(request: IncomingMessage, budget: BodyBudget, bytes: number): Promise<() => void> {
  const gone = new AbortController();
  const onGone = (): void => gone.abort();
  request.on('close', onGone);
  request.on('aborted', onGone);
  request.socket?.on('close', onGone);
  if (clientGone(request)) gone.abort();
  try {
    const release = await budget.acquire(bytes, gone.signal);
    if (clientGone(request)) {
      release();
      throw new ClientGoneError();
    }
    return release;
  } finally {
    request.off('close', onGone);
    request.off('aborted', onGone);
    request.socket?.off('close', onGone);
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
 * stored. With a budget, the bytes this body may occupy are reserved before reading starts, and
 * given back however reading ends. Besides BodyTooLargeError it throws ClientGoneError (the client
 * left), BodyBudgetBusyError (no room within the wait deadline) and BodyIdleError (the body stopped
 * arriving); body-failure.ts answers those for every route.
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
  const release = budget === undefined ? () => undefined : await reserve(request, budget, declared ?? limit);
  try {
    sendContinue(request);
    return await collect(request, limit, (budget?.timeouts ?? DEFAULT_BODY_TIMEOUTS).idleMs);
  } finally {
    release();
  }
}

/**
 * Buffers the body. Settles in every case: end, error, the client leaving (also before the call),
 * too many bytes, or `idleMs` without a byte (a trickling body cannot hold its reservation forever).
 */
function collect(request: IncomingMessage, limit: number, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (clientGone(request)) {
      reject(new ClientGoneError());
      return;
    }
    const idle = setTimeout(() => {
      cleanUp();
      chunks.length = 0;
      reject(new BodyIdleError(idleMs));
    }, idleMs);
    idle.unref();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      idle.refresh();
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
      reject(clientGone(request) ? new ClientGoneError() : error);
    };
    // 'close' before 'end' means the body never ended ('end' removes this listener first).
    const onClose = (): void => {
      cleanUp();
      reject(new ClientGoneError());
    };
    const cleanUp = (): void => {
      clearTimeout(idle);
      request.off('aborted', onClose);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
    request.on('aborted', onClose);
  });
}
