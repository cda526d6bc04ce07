/**
 * How many request-body bytes the sandbox holds in memory at once, across all requests. A request
 * reserves what it may buffer (its Content-Length, or its route's limit when the length is not
 * declared) before its first byte is read; when the budget is spent, later requests wait with
 * their streams paused, so TCP back-pressure holds the bytes on the client's side, not here.
 */
export class BodyBudget {
  private used = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  get reserved(): number {
    return this.used;
  }

  /** Resolves with a release function once `bytes` (at most the capacity) are reserved; first come, first served. */
  acquire(bytes: number): Promise<() => void> {
    const amount = Math.min(Math.max(bytes, 0), this.capacity);
    return new Promise((resolve) => {
      const grant = (): void => {
        this.used += amount;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.used -= amount;
          this.grantWaiting();
        });
      };
      if (this.waiting.length === 0 && this.used + amount <= this.capacity) grant();
      else this.waiting.push({ bytes: amount, grant });
    });
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0].bytes <= this.capacity) {
      const next = this.waiting.shift();
      next?.grant();
    }
  }
}
