import { PolicyDenied } from '../tools/result';

const WINDOW_MS = 60_000;

/** Timestamps of the last minute's events for one key; old ones are dropped as time passes. */
class SlidingWindow {
  private readonly times: number[] = [];

  constructor(private readonly limit: number) {}

  /** Milliseconds until one more event fits, or 0 when it fits now. */
  waitMs(now: number): number {
    while (this.times.length > 0 && this.times[0] <= now - WINDOW_MS) this.times.shift();
    return this.times.length < this.limit ? 0 : this.times[0] + WINDOW_MS - now;
  }

  add(now: number): void {
    this.times.push(now);
  }

  get empty(): boolean {
    return this.times.length === 0;
  }
}

/**
 * Per-recipient and global limits on side effects, per rolling minute. A refused call is not
 * counted. Limits of 0 disable the corresponding check.
 */
export class RateLimiter {
  private readonly global: SlidingWindow | null;
  private readonly perRecipient = new Map<string, SlidingWindow>();

  constructor(
    private readonly perRecipientPerMinute: number,
    private readonly globalPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.global = globalPerMinute > 0 ? new SlidingWindow(globalPerMinute) : null;
  }

  /** Counts one side effect (to `recipient` when it is a message), or throws PolicyDenied. */
  take(recipient: string | null): void {
    const now = this.now();
    const globalWait = this.global?.waitMs(now) ?? 0;
    if (globalWait > 0) throw this.denied(`This server allows at most ${this.globalPerMinute} side effects per minute in total`, globalWait);
    let window: SlidingWindow | null = null;
    if (recipient !== null && this.perRecipientPerMinute > 0) {
      window = this.perRecipient.get(recipient) ?? new SlidingWindow(this.perRecipientPerMinute);
      const wait = window.waitMs(now);
      if (wait > 0) throw this.denied(`This server allows at most ${this.perRecipientPerMinute} messages per minute to one recipient`, wait);
      this.perRecipient.set(recipient, window);
      this.prune(now);
    }
    this.global?.add(now);
    window?.add(now);
  }

  private prune(now: number): void {
    if (this.perRecipient.size < 1000) return;
    for (const [key, window] of this.perRecipient) if (window.waitMs(now) === 0 && window.empty) this.perRecipient.delete(key);
  }

  private denied(message: string, waitMs: number): PolicyDenied {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new PolicyDenied('rate_limited', `${message}; nothing was sent.`, `Wait about ${seconds} s before trying again. The limit is set by the operator.`, {
      retryAfterSeconds: seconds,
    });
  }
}
