import { jsonBody, type GraphHandler, type GraphResult } from '../graph/graph-request';
import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { newMessageId } from '../runtime/ids';
import { Field } from '../validation/field';
import { acceptMessage } from './accept-message';
import { startDelivery, type DeliveryOutcome } from './delivery';
import { markAsRead } from './mark-as-read';
import { readEnvelope } from './message-envelope';
import { pricingFor } from './pricing';
import { checkSendPolicies } from './send-policies';
import { validateContent } from './validate-content';

const REENGAGEMENT_ERROR: JsonObject = {
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  error_data: {
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
};

/** POST /{phone-number-id}/messages: a send, or a read receipt when the body has `status`. */
export const sendMessageRoute: GraphHandler = (ctx, request) => {
  const root = jsonBody(request);
  if (root.child('status').isPresent) return markAsRead(ctx, root);
  return send(ctx, root);
};

function send(ctx: SandboxContext, root: Field): GraphResult {
  const payload = root.object();
  const envelope = readEnvelope(root);
  const deps = { phoneNumberId: ctx.config.phoneNumberId, media: ctx.state.media, templates: ctx.state.templates };
  const template = validateContent(root, envelope.type, deps);
  checkSendPolicies(ctx, envelope.waId);

  const now = ctx.now();
  const message = acceptMessage(ctx, { id: newMessageId(envelope.waId), to: envelope.waId, type: envelope.type, payload }, now);
  const windowOpen = ctx.state.windows.isOpen(ctx.config.phoneNumberId, envelope.waId, now);
  const outcome: DeliveryOutcome =
    template === null && ctx.config.window && !windowOpen
      ? { kind: 'failed', error: REENGAGEMENT_ERROR, bizOpaqueCallbackData: envelope.bizOpaqueCallbackData }
      : { kind: 'delivered', pricing: pricingFor(template, windowOpen), bizOpaqueCallbackData: envelope.bizOpaqueCallbackData };
  startDelivery(ctx, message, outcome);
  return {
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: envelope.to, wa_id: envelope.waId }],
      messages: [{ id: message.id, message_status: 'accepted' }],
    },
  };
}
