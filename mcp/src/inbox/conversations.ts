import { CUSTOMER_SERVICE_WINDOW_MS, hintForMetaCode } from 'whatsapp-business-core';
import type { InboundRecord, InboxRecord, OutboundRecord, StatusRecord } from './records';

export type WindowState = 'open' | 'closed' | 'unknown';

export interface WindowView {
  /** open: free-form messages allowed; closed: only templates; unknown: no message from this user in the inbox. */
  state: WindowState;
  /** When the window closes (open) or closed (closed); null when unknown. */
  expiresAt: string | null;
}

export interface MessageView {
  direction: 'inbound' | 'outbound';
  /** Who wrote it (wait_for_reply, where messages may come from several users). */
  from?: string | null;
  name?: string | null;
  messageId: string | null;
  at: string;
  type: string | null;
  /** Inbound: what the customer wrote (untrusted). Outbound: a summary of what we sent. */
  text: string | null;
  media?: InboundRecord['media'];
  details?: Record<string, unknown>;
  replyTo?: string;
  /** Outbound only: accepted (no status yet), sent, delivered, read, failed... */
  status?: string;
  error?: { code: number | null; title: string | null; details: string | null; hint: string | null };
}

export interface ConversationSummary {
  user: string;
  name: string | null;
  lastMessageAt: string;
  lastDirection: 'inbound' | 'outbound';
  lastText: string | null;
  unread: number;
  window: WindowView;
}

type Item = InboundRecord | OutboundRecord;

/** When the server learned of it: its own clock, so inbound and outbound order correctly within a second. */
const seenAt = (item: Item): number => item.rx ?? item.at;

const STATUS_RANK: Readonly<Record<string, number>> = { sent: 1, delivered: 2, read: 3, played: 4 };
const PREVIEW = 120;

class Conversation {
  name: string | null = null;
  readonly items: Item[] = [];
  /** Latest inbound time per business phone number id ('' when the webhook did not say). */
  readonly lastInbound = new Map<string, number>();
  lastOutboundAt = 0;
  /** Latest seenAt of any message (orders the conversation list). */
  lastSeen = 0;
  readUpTo = 0;

  constructor(readonly user: string) {}

  insert(item: Item): void {
    let index = this.items.length;
    while (index > 0 && seenAt(this.items[index - 1]) > seenAt(item)) index -= 1;
    this.items.splice(index, 0, item);
    if (item.t === 'in') {
      if (item.name) this.name = item.name;
      const key = item.phoneNumberId ?? '';
      this.lastInbound.set(key, Math.max(this.lastInbound.get(key) ?? 0, item.at));
    } else {
      this.lastOutboundAt = Math.max(this.lastOutboundAt, seenAt(item));
    }
    this.lastSeen = Math.max(this.lastSeen, seenAt(item));
  }

  lastInboundFor(phoneNumberId: string | null): number | null {
    let latest: number | null = null;
    for (const [key, at] of this.lastInbound) {
      if (phoneNumberId === null || key === '' || key === phoneNumberId) latest = Math.max(latest ?? 0, at);
    }
    return latest;
  }

  unread(): number {
    const seen = Math.max(this.lastOutboundAt, this.readUpTo);
    return this.items.filter((item) => item.t === 'in' && seenAt(item) > seen).length;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function preview(text: string | null): string | null {
  if (text === null) return null;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > PREVIEW ? `${oneLine.slice(0, PREVIEW - 1)}…` : oneLine;
}

/** Conversations by customer, built incrementally from inbox records. */
export class ConversationIndex {
  private readonly conversations = new Map<string, Conversation>();
  private readonly statuses = new Map<string, StatusRecord[]>();
  private readonly inboundById = new Map<string, InboundRecord>();
  private readonly pendingReads = new Map<string, number>();

  add(record: InboxRecord): void {
    switch (record.t) {
      case 'in': {
        const user = record.from ?? record.fromUserId;
        if (user === null) return;
        this.conversation(user).insert(record);
        if (record.messageId !== null) {
          this.inboundById.set(record.messageId, record);
          const readAt = this.pendingReads.get(record.messageId);
          if (readAt !== undefined) this.markRead(record);
        }
        return;
      }
      case 'out':
        this.conversation(record.to).insert(record);
        return;
      case 'status': {
        const list = this.statuses.get(record.messageId) ?? [];
        list.push(record);
        this.statuses.set(record.messageId, list);
        return;
      }
      case 'read': {
        const inbound = this.inboundById.get(record.messageId);
        if (inbound === undefined) this.pendingReads.set(record.messageId, record.at);
        else this.markRead(inbound);
        return;
      }
    }
  }

  has(user: string): boolean {
    return this.conversations.has(user);
  }

  /** The user an inbound message came from, if the inbox has it. */
  senderOf(messageId: string): string | null {
    const record = this.inboundById.get(messageId);
    return record ? (record.from ?? record.fromUserId) : null;
  }

  /**
   * The customer service window: 24 h from the user's last message to this business number.
   * Without any message from the user it is `unknown`, or `closed` when `authoritative` (the inbox
   * saw every message the number ever received, as with the embedded sandbox).
   */
  window(user: string, phoneNumberId: string | null, now: number, authoritative: boolean): WindowView {
    const last = this.conversations.get(user)?.lastInboundFor(phoneNumberId) ?? null;
    if (last === null) return { state: authoritative ? 'closed' : 'unknown', expiresAt: null };
    const expires = last + CUSTOMER_SERVICE_WINDOW_MS;
    return { state: expires > now ? 'open' : 'closed', expiresAt: iso(expires) };
  }

  list(options: { now: number; authoritative: boolean; phoneNumberId: string | null; include: (user: string) => boolean }): ConversationSummary[] {
    const out: (ConversationSummary & { seen: number })[] = [];
    for (const conversation of this.conversations.values()) {
      if (!options.include(conversation.user) || conversation.items.length === 0) continue;
      const last = conversation.items[conversation.items.length - 1];
      out.push({
        user: conversation.user,
        name: conversation.name,
        lastMessageAt: iso(last.at),
        lastDirection: last.t === 'in' ? 'inbound' : 'outbound',
        lastText: preview(last.t === 'in' ? last.text : last.summary),
        unread: conversation.unread(),
        window: this.window(conversation.user, options.phoneNumberId, options.now, options.authoritative),
        seen: conversation.lastSeen,
      });
    }
    return out.sort((a, b) => b.seen - a.seen).map(({ seen: _seen, ...summary }) => summary);
  }

  /** The last `limit` messages with `user`, oldest first, each with its delivery status. */
  messages(user: string, limit: number): { messages: MessageView[]; total: number; unread: number; name: string | null } | null {
    const conversation = this.conversations.get(user);
    if (conversation === undefined) return null;
    const items = conversation.items.slice(-limit);
    return { messages: items.map((item) => this.view(item)), total: conversation.items.length, unread: conversation.unread(), name: conversation.name };
  }

  /** Inbound messages from `user` (or anyone, with null) later than `after` ms, oldest first. */
  inboundAfter(user: string | null, after: number, include: (user: string) => boolean): MessageView[] {
    const found: InboundRecord[] = [];
    for (const conversation of this.conversations.values()) {
      if ((user !== null && conversation.user !== user) || !include(conversation.user)) continue;
      for (const item of conversation.items) if (item.t === 'in' && seenAt(item) > after) found.push(item);
    }
    return found.sort((a, b) => seenAt(a) - seenAt(b)).map((item) => ({ from: item.from ?? item.fromUserId, name: item.name, ...this.view(item) }));
  }

  lastOutboundAt(user: string): number | null {
    const at = this.conversations.get(user)?.lastOutboundAt ?? 0;
    return at > 0 ? at : null;
  }

  private markRead(inbound: InboundRecord): void {
    const user = inbound.from ?? inbound.fromUserId;
    if (user === null) return;
    const conversation = this.conversations.get(user);
    if (conversation) conversation.readUpTo = Math.max(conversation.readUpTo, seenAt(inbound));
    if (inbound.messageId !== null) this.pendingReads.delete(inbound.messageId);
  }

  private conversation(user: string): Conversation {
    let conversation = this.conversations.get(user);
    if (conversation === undefined) {
      conversation = new Conversation(user);
      this.conversations.set(user, conversation);
    }
    return conversation;
  }

  private view(item: Item): MessageView {
    if (item.t === 'in') {
      const view: MessageView = { direction: 'inbound', messageId: item.messageId, at: iso(item.at), type: item.type, text: item.text };
      if (item.media) view.media = item.media;
      if (item.details) view.details = item.details;
      if (item.replyTo) view.replyTo = item.replyTo;
      return view;
    }
    const view: MessageView = { direction: 'outbound', messageId: item.messageId, at: iso(item.at), type: item.type, text: item.summary, status: 'accepted' };
    if (item.replyTo) view.replyTo = item.replyTo;
    const statuses = this.statuses.get(item.messageId) ?? [];
    const failed = statuses.find((s) => s.status === 'failed');
    if (failed) {
      view.status = 'failed';
      const error = failed.errors[0];
      view.error = { code: error?.code ?? null, title: error?.title ?? null, details: error?.details ?? null, hint: hintForMetaCode(error?.code ?? null) };
    } else {
      let best = 0;
      for (const status of statuses) {
        const rank = STATUS_RANK[status.status] ?? 0;
        if (rank > best) {
          best = rank;
          view.status = status.status;
        }
      }
    }
    return view;
  }
}
