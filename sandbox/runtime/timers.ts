/** What `after` and `nextTurn` return, to `cancel` with. */
export interface TimerHandle {
  readonly id: number;
}

/**
 * Every delayed action of the sandbox (status webhooks, template approvals, webhook backoff) goes
 * through one registry so close() and reset can cancel all of them and leave no timer behind.
 * Timers are unref'd: the listening server is what keeps a process alive, and a pending approval
 * or status must never hold a finished test run or CLI open.
 */
export class TimerRegistry {
  /** Each pending action with the function that clears its Node timer. */
  private readonly pending = new Map<TimerHandle, () => void>();
  private sequence = 0;

  after(ms: number, action: () => void): TimerHandle {
    return this.track(action, (run) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return () => clearTimeout(timer);
    });
  }

  /**
   * Runs once the current I/O callbacks are done, before the server reads another request: the
   * effect comes after the response yet is already visible to the client's next call.
   */
  nextTurn(action: () => void): TimerHandle {
    return this.track(action, (run) => {
      const immediate = setImmediate(run);
      immediate.unref();
      return () => clearImmediate(immediate);
    });
  }

  cancel(handle: TimerHandle): void {
    this.pending.get(handle)?.();
    this.pending.delete(handle);
  }

  clearAll(): void {
    for (const clear of this.pending.values()) clear();
    this.pending.clear();
  }

  private track(action: () => void, schedule: (run: () => void) => () => void): TimerHandle {
    this.sequence += 1;
    const handle: TimerHandle = { id: this.sequence };
    const clear = schedule(() => {
      this.pending.delete(handle);
      action();
    });
    this.pending.set(handle, clear);
    return handle;
  }
}
