/**
 * Counts events per key over a trailing window (Meta's throughput and pair limits are rolling, not
 * bucketed by wall-clock second).
 */
export class SlidingWindowCounter {
  private readonly events = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  count(key: string, nowMs: number): number {
    const recent = (this.events.get(key) ?? []).filter((at) => nowMs - at < this.windowMs);
    if (recent.length === 0) this.events.delete(key);
    else this.events.set(key, recent);
    return recent.length;
  }

  record(key: string, nowMs: number): void {
    const list = this.events.get(key) ?? [];
    list.push(nowMs);
    this.events.set(key, list);
  }

  clear(): void {
    this.events.clear();
  }
}
