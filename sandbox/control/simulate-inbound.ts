import { normalizePhoneNumber, type JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { newMessageId } from '../runtime/ids';
import { messagesEnvelope, unixSeconds } from '../webhooks/envelopes';
import { Field } from '../validation/field';
import { newOnPremMessageId } from '../flavors/onprem/onprem-ids';
import { refuseCloudOnlyInboundFields, withOnPremMediaId } from '../flavors/onprem/onprem-inbound';
import { inboundContent, INBOUND_TYPES } from './inbound-content';

const BODY_KEYS = ['from', 'name', 'phoneNumberId', 'type', 'context', 'userId', 'omitPhone', ...INBOUND_TYPES];
const BSUID = /^[A-Z]{2}(\.ENT)?\.[A-Za-z0-9]{1,128}$/;

/**
 * POST /_sandbox/inbound: a customer writes to the business. Opens the 24 h window, records the
 * message for read receipts and emits Meta's `messages` webhook.
 */
export function simulateInbound(ctx: SandboxContext, root: Field): JsonObject {
  root.object(BODY_KEYS);
  // The onprem flavor's webhooks are the client's: its message and media ids, no user ids.
  const onPrem = ctx.config.flavor === 'onprem';
  if (onPrem) refuseCloudOnlyInboundFields(root);
  const fromField = root.child('from');
  const normalized = normalizePhoneNumber(fromField.string({ min: 1 }));
  if (!normalized.ok) return fromField.invalid(normalized.reason);
  const from = normalized.digits;
  const name = root.child('name').optionalString({ min: 1 }) ?? 'Sandbox User';
  const phoneField = root.child('phoneNumberId');
  const phoneNumberId = phoneField.optionalString() ?? ctx.config.phoneNumberId;
  if (phoneNumberId !== ctx.config.phoneNumberId) {
    phoneField.invalid(`this sandbox serves phone number id ${ctx.config.phoneNumberId} only (got '${phoneNumberId}')`);
  }
  const type = root.child('type').isPresent ? root.child('type').oneOf(INBOUND_TYPES) : 'text';
  for (const other of INBOUND_TYPES) {
    if (other !== type && root.child(other).isPresent) root.child(other).unsupported(`not allowed when type is ${type}`);
  }
  const userIdField = root.child('userId');
  const userId = userIdField.optionalString();
  if (userId !== undefined && !BSUID.test(userId)) {
    userIdField.invalid(`must be a business-scoped user id like US.13491208655302741918 (got '${userId}')`);
  }
  const omitPhone = root.child('omitPhone').optionalBoolean() ?? false;
  if (omitPhone && userId === undefined) root.child('omitPhone').invalid('a user without a phone number needs userId');
  const cloudContent = inboundContent(ctx, type, root.child(type));
  const content = onPrem ? withOnPremMediaId(ctx, cloudContent) : cloudContent;

  const now = ctx.now();
  const id = onPrem ? newOnPremMessageId() : newMessageId(from);
  const timestamp = unixSeconds(now);
  const message: JsonObject = {};
  const contact: JsonObject = { profile: { name } };
  if (!omitPhone) {
    message.from = from;
    contact.wa_id = from;
  }
  if (userId !== undefined) {
    message.from_user_id = userId;
    contact.user_id = userId;
  }
  const context = root.child('context');
  if (context.isPresent) {
    context.object(['messageId']);
    message.context = { from: ctx.config.displayPhoneNumber, id: context.child('messageId').string({ min: 1 }) };
  }
  Object.assign(message, { id, timestamp, type, [type]: content.object });

  ctx.state.windows.open(phoneNumberId, from, now);
  ctx.state.inbound.add({ id, phoneNumberId, from, timestamp }, name);
  const webhook = messagesEnvelope(ctx.business, { contacts: [contact], messages: [message] });
  ctx.webhooks.enqueue('messages', webhook);
  const answer: JsonObject = { messageId: id };
  if (content.mediaId !== undefined) answer.mediaId = content.mediaId;
  answer.webhook = ctx.webhooks.asDelivered('messages', webhook);
  return answer;
}
