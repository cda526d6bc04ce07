import type { WebhookEvent } from 'whatsapp-business-core';
import { ConversationIndex } from './conversations';
import type { ConversationSummary, MessageView, WindowView } from './conversations';
import { recordFromEvent } from './records';
import type { InboxRecord } from './records';
import { JsonlStore } from './store';

export interface InboxOptions {
  file: string;
  /** Start empty (used with the embedded sandbox, whose state starts empty too). */
  reset?: boolean;
  /** The inbox saw every message the number received, so "no message" means "window closed". */
  authoritative?: boolean;
  /** The business number sends default to (for the window). */
  phoneNumberId?: string | null;
  log?: (message: string) => void;
  now?: () => number;
  /** How often waiters re-read the file for records other processes wrote. */
  pollMs?: number;
}

export interface IngestResult {
  stored: number;
  duplicates: number;
  ignored: number;
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called about every `tickMs` while waiting. */
  onTick?: (elapsedMs: number) => void;
  tickMs?: number;
}

/** What the server knows of its conversations: a file store, an index, and waiters for new messages. */
export class Inbox {
  private readonly index = new ConversationIndex();
  private readonly listeners = new Set<(record: InboxRecord) => void>();
  private store!: JsonlStore;
  readonly authoritative: boolean;
  readonly phoneNumberId: string | null;
  private readonly now: () => number;
  private readonly pollMs: number;
  private lastTick = 0;

  private constructor(options: InboxOptions) {
    this.authoritative = options.authoritative ?? false;
    this.phoneNumberId = options.phoneNumberId ?? null;
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? 1000;
  }

  static async open(options: InboxOptions): Promise<Inbox> {
    const inbox = new Inbox(options);
    inbox.store = await JsonlStore.open(options.file, {
      reset: options.reset,
      log: options.log,
      onRecord: (record) => {
        inbox.index.add(record);
        for (const listener of inbox.listeners) listener(record);
      },
    });
    return inbox;
  }

  /** The inbox's clock (ms), the one records are stamped with. */
  clock(): number {
    return this.now();
  }

  get file(): string {
    return this.store.file;
  }

  get corruptLines(): number {
    return this.store.corruptLines;
  }

  get size(): number {
    return this.store.size;
  }

  /** This process's clock for storing, strictly increasing so records keep their order within a millisecond. */
  private tick(): number {
    this.lastTick = Math.max(this.now(), this.lastTick + 1);
    return this.lastTick;
  }

  /** Stores the messages and statuses of normalized webhook events; redeliveries are stored once. */
  async ingest(events: readonly WebhookEvent[]): Promise<IngestResult> {
    const result: IngestResult = { stored: 0, duplicates: 0, ignored: 0 };
    for (const event of events) {
      const record = recordFromEvent(event, this.tick());
      if (record === null) result.ignored += 1;
      else if (await this.store.append(record)) result.stored += 1;
      else result.duplicates += 1;
    }
    return result;
  }

  append(record: InboxRecord): Promise<boolean> {
    return this.store.append(record);
  }

  recordOutbound(message: { messageId: string; to: string; type: string; summary: string | null; phoneNumberId: string | null; replyTo?: string | null }): Promise<boolean> {
    return this.store.append({ t: 'out', key: `out:${message.messageId}`, at: this.tick(), phoneNumberId: message.phoneNumberId, to: message.to, messageId: message.messageId, type: message.type, summary: message.summary, replyTo: message.replyTo ?? null });
  }

  recordRead(messageId: string, phoneNumberId: string | null): Promise<boolean> {
    return this.store.append({ t: 'read', key: `read:${messageId}`, at: this.tick(), phoneNumberId, messageId });
  }

  sync(): Promise<number> {
    return this.store.sync();
  }

  window(user: string, phoneNumberId: string | null = this.phoneNumberId): WindowView {
    return this.index.window(user, phoneNumberId, this.now(), this.authoritative);
  }

  senderOf(messageId: string): string | null {
    return this.index.senderOf(messageId);
  }

  list(include: (user: string) => boolean): ConversationSummary[] {
    return this.index.list({ now: this.now(), authoritative: this.authoritative, phoneNumberId: this.phoneNumberId, include });
  }

  conversation(user: string, limit: number): ReturnType<ConversationIndex['messages']> {
    return this.index.messages(user, limit);
  }

  lastOutboundAt(user: string): number | null {
    return this.index.lastOutboundAt(user);
  }

  inboundAfter(user: string | null, after: number, include: (user: string) => boolean): MessageView[] {
    return this.index.inboundAfter(user, after, include);
  }

  /**
   * Resolves with the inbound messages (from `user`, or anyone) later than `after`, as soon as
   * there is at least one, or with [] when the time is up or the signal aborts.
   */
  async waitForInbound(user: string | null, after: number, include: (user: string) => boolean, options: WaitOptions): Promise<MessageView[]> {
    await this.sync();
    const ready = this.inboundAfter(user, after, include);
    if (ready.length > 0 || options.timeoutMs <= 0) return ready;
    const started = Date.now();
    return new Promise<MessageView[]>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timeout);
        clearInterval(poll);
        clearInterval(tick);
        this.listeners.delete(listener);
        options.signal?.removeEventListener('abort', finish);
        resolve(this.inboundAfter(user, after, include));
      };
      const listener = (record: InboxRecord): void => {
        if (record.t === 'in' && this.inboundAfter(user, after, include).length > 0) finish();
      };
      this.listeners.add(listener);
      const timeout = setTimeout(finish, options.timeoutMs);
      // Another process sharing the data dir may be the one receiving webhooks.
      const poll = setInterval(() => void this.sync().catch(() => undefined), this.pollMs);
      const tick = setInterval(() => options.onTick?.(Date.now() - started), options.tickMs ?? 5000);
      if (options.signal?.aborted) finish();
      else options.signal?.addEventListener('abort', finish, { once: true });
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
