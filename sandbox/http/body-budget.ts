/** Raised when a body waited for room in the budget longer than allowed: answered 503 with Retry-After. */
export class BodyBudgetBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the sandbox is reading other request bodies; no room came free within ${waitedMs} ms`);
  }
}

/** Raised when the client went away while its body waited or was being read: nobody to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before the request body ended');
  }
}

export interface BodyBudgetTimeouts {
  /** How long a body may wait for room before it is answered 503. */
  waitMs: number;
  /** How long a body being read may go without a byte before it is answered 408. */
  idleMs: number;
}

export const DEFAULT_BODY_TIMEOUTS: BodyBudgetTimeouts = { waitMs: 30_000, idleMs: 60_000 };

interface Waiter {
  bytes: number;
  grant: () => void;
}

/**
 * How many request-body bytes the sandbox holds in memory at once, across all requests. A request
 * reserves what it may buffer (its Content-Length, or its route's limit when the length is not
 * declared) before its first byte is read; when the budget is spent, later requests wait with
 * their streams paused, so TCP back-pressure holds the bytes on the client's side, not here.
 *
 * Waiting is bounded three ways, so no client can hold the budget for good: a waiter whose client
 * disconnects leaves the queue (the `signal`), a waiter gives up after `waitMs`, and a released
 * reservation goes to every waiter that fits, not only the first, so one large request at the head
 * of the queue does not hold back smaller ones (the large one is bounded by its own deadline).
 */
export class BodyBudget {
  private used = 0;
  private waiting: Waiter[] = [];

  constructor(
    readonly capacity: number,
    readonly timeouts: BodyBudgetTimeouts = DEFAULT_BODY_TIMEOUTS,
  ) {}

  /** Bytes reserved right now (read-only; tests and diagnostics watch it return to 0). */
  get inUse(): number {
    return this.used;
  }

  /** Requests waiting for room right now. */
  get waiters(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with a release function once `bytes` (at most the capacity) are reserved. Rejects with
   * ClientGoneError when `signal` aborts while waiting (the waiter is removed, nothing is reserved)
   * and with BodyBudgetBusyError after `timeouts.waitMs` without room.
   */
  acquire(bytes: number, signal?: AbortSignal): Promise<() => void> {
    const amount = Math.min(Math.max(bytes, 0), this.capacity);
    return new Promise((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(new ClientGoneError());
        return;
      }
      const reserve = (): void => {
        this.used += amount;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.used -= amount;
          this.grantWaiting();
        });
      };
      if (this.used + amount <= this.capacity) {
        reserve();
        return;
      }
      const stopWaiting = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const leave = (): void => {
        stopWaiting();
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) this.waiting.splice(index, 1);
      };
      const onAbort = (): void => {
        leave();
        reject(new ClientGoneError());
      };
      const timer = setTimeout(() => {
        leave();
        reject(new BodyBudgetBusyError(this.timeouts.waitMs));
      }, this.timeouts.waitMs);
      timer.unref();
      // grantWaiting takes the waiter out of the queue itself (one pass over the queue).
      const waiter: Waiter = {
        bytes: amount,
        grant: () => {
          stopWaiting();
          reserve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Grants every waiter that fits, oldest first (first fit: a large waiter does not block small ones). */
  private grantWaiting(): void {
    if (this.waiting.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiting) {
      if (this.used + waiter.bytes <= this.capacity) waiter.grant();
      else still.push(waiter);
    }
    this.waiting = still;
  }
}
