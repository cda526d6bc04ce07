/** A simulated customer message, kept so mark-as-read can check ids and webhooks can name the user. */
export interface InboundMessage {
  id: string;
  phoneNumberId: string;
  from: string;
  timestamp: string;
}

export class InboundLog {
  private readonly messages = new Map<string, InboundMessage>();
  private readonly names = new Map<string, string>();

  add(message: InboundMessage, profileName: string): void {
    this.messages.set(message.id, message);
    this.names.set(message.from, profileName);
  }

  get(id: string): InboundMessage | undefined {
    return this.messages.get(id);
  }

  /** The WhatsApp profile name a user last wrote with, if they ever did. */
  profileName(waId: string): string | undefined {
    return this.names.get(waId);
  }

  clear(): void {
    this.messages.clear();
    this.names.clear();
  }
}
