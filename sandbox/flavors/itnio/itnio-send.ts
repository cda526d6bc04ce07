import { randomBytes } from 'node:crypto';
import type { JsonObject } from 'whatsapp-business-core';
import { GraphError } from '../../graph/graph-error';
import { acceptMessage } from '../../messages/accept-message';
import { startDelivery } from '../../messages/delivery';
import { readEnvelope } from '../../messages/message-envelope';
import { pricingFor } from '../../messages/pricing';
import { checkSendPolicies } from '../../messages/send-policies';
import { validateContent } from '../../messages/validate-content';
import type { SandboxContext } from '../../runtime/context';
import { Field } from '../../validation/field';
import { ItnioRefusal } from './itnio-answer';

/**
 * Meta's refusals that ITNIO's tables do not cover (a rule of the message itself, the template, the
 * allow-list or throughput) are answered as status "-<Meta code>" with Meta's message as reason.
 * ITNIO does not publish how it reports them; this keeps the code recognizable.
 */
export function asItnioRefusal(error: GraphError): ItnioRefusal {
  const envelope = error.toEnvelope().error as JsonObject;
  return new ItnioRefusal(-error.code, `${String(envelope.message)}: ${error.details}`);
}

/** Meta's 131047 for a free-form message outside the window, answered synchronously. */
const REENGAGEMENT = 131047;

/** ITNIO's message ids are 32 hex digits ("10415ecbd0c848ebb7d5a3fe53269df6"). */
function newItnioMessageId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Sends an ITNIO request through the Cloud flavor's rules: `cloudPayload` (what the ITNIO body
 * stands for) is validated as a Cloud send, then the message is logged with the ITNIO body and
 * plays out its statuses. Unlike Meta, which accepts a free-form message outside the 24 h window
 * and fails it later, ITNIO says custom messages need the recipient to have written first: the
 * sandbox refuses them at once with status -131047 (Meta's code for it).
 */
export function sendThroughCloudRules(ctx: SandboxContext, itnioBody: JsonObject, cloudPayload: JsonObject): JsonObject {
  try {
    const root = new Field('', cloudPayload);
    const envelope = readEnvelope(root);
    const deps = { phoneNumberId: ctx.config.phoneNumberId, media: ctx.state.media, templates: ctx.state.templates };
    const template = validateContent(root, envelope.type, deps);
    const now = ctx.now();
    const windowOpen = ctx.state.windows.isOpen(ctx.config.phoneNumberId, envelope.waId, now);
    if (template === null && ctx.config.window && !windowOpen) {
      throw new ItnioRefusal(
        -REENGAGEMENT,
        'Re-engagement message: custom messages can only be sent within 24 hours after the recipient last wrote to this business number; send a template instead',
      );
    }
    checkSendPolicies(ctx, envelope.waId);
    const message = acceptMessage(ctx, { id: newItnioMessageId(), to: envelope.waId, type: envelope.type, payload: itnioBody }, now);
    startDelivery(ctx, message, { kind: 'delivered', pricing: pricingFor(template, windowOpen), bizOpaqueCallbackData: undefined });
    return { channelType: 0, messageId: message.id, timestamp: Number(message.timestamp) };
  } catch (error) {
    if (error instanceof GraphError) throw asItnioRefusal(error);
    throw error;
  }
}
