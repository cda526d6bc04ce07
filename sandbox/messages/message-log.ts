import type { JsonObject } from 'whatsapp-business-core';

export type MessageStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message a client sent through the sandbox, as the control API reports it. */
export interface SentMessage {
  id: string;
  phoneNumberId: string;
  /** Recipient digits (wa_id). */
  to: string;
  type: string;
  /** The request body exactly as received. */
  payload: JsonObject;
  status: MessageStatus;
  errors: JsonObject[];
  /** Unix seconds, as a string like Meta's timestamps. */
  timestamp: string;
}

export class MessageLog {
  private readonly messages: SentMessage[] = [];

  add(message: SentMessage): void {
    this.messages.push(message);
  }

  /** In send order; optionally only those to one recipient. */
  list(to?: string): SentMessage[] {
    return to === undefined ? [...this.messages] : this.messages.filter((message) => message.to === to);
  }

  clear(): void {
    this.messages.length = 0;
  }
}
