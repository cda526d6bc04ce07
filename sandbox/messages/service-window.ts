import { CUSTOMER_SERVICE_WINDOW_MS } from 'whatsapp-business-core';

// Meta's window runs from the user's last inbound message and is refreshed by each one.

export class ServiceWindows {
  private readonly lastInbound = new Map<string, number>();

  open(phoneNumberId: string, waId: string, nowMs: number): void {
    this.lastInbound.set(`${phoneNumberId}:${waId}`, nowMs);
  }

  isOpen(phoneNumberId: string, waId: string, nowMs: number): boolean {
    const last = this.lastInbound.get(`${phoneNumberId}:${waId}`);
    return last !== undefined && nowMs - last < CUSTOMER_SERVICE_WINDOW_MS;
  }

  clear(): void {
    this.lastInbound.clear();
  }
}
