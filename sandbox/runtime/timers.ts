/**
 * Every delayed action of the sandbox (status webhooks, template approvals, webhook backoff) goes
 * through one registry so close() and reset can cancel all of them and leave no timer behind.
 */
export class TimerRegistry {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      action();
    }, ms);
    this.pending.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.pending.delete(timer);
  }

  clearAll(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
