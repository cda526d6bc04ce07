import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { messagesEnvelope, unixSeconds } from '../webhooks/envelopes';
import type { MessageStatus, SentMessage } from './message-log';

export type DeliveryOutcome =
  | { kind: 'delivered'; pricing: JsonObject; bizOpaqueCallbackData: string | undefined }
  | { kind: 'failed'; error: JsonObject; bizOpaqueCallbackData: string | undefined };

const PROGRESSION: readonly MessageStatus[] = ['sent', 'delivered', 'read'];

/**
 * Plays out what happens to an accepted message after the response: sent, delivered and read
 * `statusDelayMs` apart, or a single failed status. Each step updates the record and emits one
 * status webhook, as Meta does.
 */
export function startDelivery(ctx: SandboxContext, message: SentMessage, outcome: DeliveryOutcome): void {
  // webhooksIdle() must also wait for the statuses that are still on their timers.
  const release = ctx.webhooks.hold();
  if (outcome.kind === 'failed') {
    ctx.timers.after(0, () => {
      message.status = 'failed';
      message.errors = [outcome.error];
      emitStatus(ctx, message, { status: 'failed', errors: [outcome.error] }, outcome.bizOpaqueCallbackData);
      release();
    });
    return;
  }
  PROGRESSION.forEach((status, step) => {
    ctx.timers.after(step * ctx.config.statusDelayMs, () => {
      message.status = status;
      emitStatus(ctx, message, { status, pricing: outcome.pricing }, outcome.bizOpaqueCallbackData);
      if (step === PROGRESSION.length - 1) release();
    });
  });
}

function emitStatus(ctx: SandboxContext, message: SentMessage, fields: JsonObject, bizOpaque: string | undefined): void {
  const status: JsonObject = {
    id: message.id,
    status: fields.status,
    timestamp: unixSeconds(ctx.now()),
    recipient_id: message.to,
  };
  if (bizOpaque !== undefined) status.biz_opaque_callback_data = bizOpaque;
  if (fields.pricing !== undefined) status.pricing = fields.pricing;
  if (fields.errors !== undefined) status.errors = fields.errors;
  const contact: JsonObject = { wa_id: message.to };
  const name = ctx.state.inbound.profileName(message.to);
  if (name !== undefined) contact.profile = { name };
  ctx.webhooks.enqueue('messages', messagesEnvelope(ctx.business, { statuses: [status], contacts: [contact] }));
}
