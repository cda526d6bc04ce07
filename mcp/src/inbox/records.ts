import { z } from 'zod';
import type { WebhookEvent } from 'whatsapp-business-core';

/**
 * One line of the inbox file. `key` identifies the record for de-duplication (core's dedupeKey for
 * webhook events), `at` is milliseconds since the epoch (Meta's timestamp for webhook events).
 */
const base = {
  key: z.string().min(1),
  at: z.number().finite(),
  /** When this server stored it (ms); orders the conversation and "new since" (Meta's timestamps are whole seconds). */
  rx: z.number().finite().optional(),
  phoneNumberId: z.string().nullable(),
};

const media = z.object({ id: z.string().nullable(), mimeType: z.string().nullable(), caption: z.string().nullable(), filename: z.string().nullable() }).nullable();

export const inboundRecord = z.object({
  ...base,
  t: z.literal('in'),
  /** The customer's WhatsApp id (phone digits); null for users known only by a business-scoped id. */
  from: z.string().nullable(),
  fromUserId: z.string().nullable().default(null),
  name: z.string().nullable(),
  messageId: z.string().nullable(),
  type: z.string().nullable(),
  text: z.string().nullable(),
  media: media.default(null),
  /** Location, contacts, interactive reply, button, reaction... in core's normalized shape. */
  details: z.record(z.string(), z.unknown()).nullable().default(null),
  replyTo: z.string().nullable().default(null),
});

export const outboundRecord = z.object({
  ...base,
  t: z.literal('out'),
  to: z.string(),
  messageId: z.string(),
  type: z.string(),
  /** Text body, caption, template name... what the message said, in one line. */
  summary: z.string().nullable(),
  replyTo: z.string().nullable().default(null),
});

export const statusRecord = z.object({
  ...base,
  t: z.literal('status'),
  messageId: z.string(),
  recipient: z.string().nullable(),
  status: z.string(),
  errors: z.array(z.object({ code: z.number().nullable(), title: z.string().nullable(), details: z.string().nullable() })).default([]),
});

/** We marked an inbound message as read (it and everything before it). */
export const readRecord = z.object({ ...base, t: z.literal('read'), messageId: z.string() });

export const inboxRecord = z.discriminatedUnion('t', [inboundRecord, outboundRecord, statusRecord, readRecord]);

export type InboundRecord = z.output<typeof inboundRecord>;
export type OutboundRecord = z.output<typeof outboundRecord>;
export type StatusRecord = z.output<typeof statusRecord>;
export type ReadRecord = z.output<typeof readRecord>;
export type InboxRecord = z.output<typeof inboxRecord>;

function timeOf(event: WebhookEvent, now: number): number {
  return event.timestamp === null ? now : event.timestamp * 1000;
}

function pick(event: WebhookEvent): Record<string, unknown> | null {
  const details: Record<string, unknown> = {};
  if (event.location) details.location = event.location;
  if (event.interactive) details.interactive = event.interactive;
  if (event.button) details.button = event.button;
  if (event.reaction) details.reaction = event.reaction;
  if (event.contacts) details.contacts = event.contacts.map(({ raw: _raw, ...card }) => card);
  if (event.referral) details.referral = event.referral;
  if (event.errors.length > 0) details.errors = event.errors;
  return Object.keys(details).length > 0 ? details : null;
}

/** The record a normalized webhook event becomes, or null for events the inbox does not keep. */
export function recordFromEvent(event: WebhookEvent, now: number): InboxRecord | null {
  if (event.kind === 'message') {
    return {
      t: 'in',
      key: event.dedupeKey,
      at: timeOf(event, now),
      rx: now,
      phoneNumberId: event.phoneNumberId,
      from: event.from,
      fromUserId: event.fromUserId,
      name: event.contactName,
      messageId: event.messageId,
      type: event.type,
      text: event.text,
      media: event.media ? { id: event.media.id, mimeType: event.media.mimeType, caption: event.media.caption, filename: event.media.filename } : null,
      details: pick(event),
      replyTo: event.context?.messageId ?? null,
    };
  }
  if (event.kind === 'status' && event.messageId !== null && event.status !== null) {
    return {
      t: 'status',
      key: event.dedupeKey,
      at: timeOf(event, now),
      rx: now,
      phoneNumberId: event.phoneNumberId,
      messageId: event.messageId,
      recipient: event.recipientId,
      status: event.status,
      errors: event.errors.map((e) => ({ code: e.code, title: e.title, details: e.details ?? e.message })),
    };
  }
  return null;
}
