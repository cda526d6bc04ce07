/** Meta's customer service window: 24 h from the user's last inbound message, refreshed by each one. */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export class ServiceWindows {
  private readonly lastInbound = new Map<string, number>();

  open(phoneNumberId: string, waId: string, nowMs: number): void {
    this.lastInbound.set(`${phoneNumberId}:${waId}`, nowMs);
  }

  isOpen(phoneNumberId: string, waId: string, nowMs: number): boolean {
    const last = this.lastInbound.get(`${phoneNumberId}:${waId}`);
    return last !== undefined && nowMs - last < SERVICE_WINDOW_MS;
  }

  clear(): void {
    this.lastInbound.clear();
  }
}
