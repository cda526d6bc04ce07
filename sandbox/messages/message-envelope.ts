import { LIMITS, normalizePhoneNumber } from 'whatsapp-business-core';
import { invalidParameter, notSimulated } from '../graph/graph-error';
import { Field } from '../validation/field';

export const MESSAGE_TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const ENVELOPE_KEYS = ['messaging_product', 'recipient_type', 'to', 'type', 'context', 'biz_opaque_callback_data'];

/** The parts of a send request common to every message type. */
export interface MessageEnvelope {
  to: string;
  waId: string;
  type: MessageType;
  bizOpaqueCallbackData: string | undefined;
}

export function readEnvelope(root: Field): MessageEnvelope {
  root.object();
  root.child('messaging_product').oneOf(['whatsapp'] as const);
  // The type first: for `type: "fax", fax: {...}` the useful complaint is about the type.
  const type = messageType(root);
  root.object([...ENVELOPE_KEYS, ...MESSAGE_TYPES]);
  const recipientType = root.child('recipient_type');
  if (recipientType.isPresent) {
    // Meta's Groups API sends to `group` recipients; the sandbox has no groups.
    if (recipientType.value === 'group') throw notSimulated('recipient_type: "group" (messages to WhatsApp groups)');
    recipientType.oneOf(['individual', 'group'] as const);
  }
  const toField = root.child('to');
  const to = toField.string({ min: 1 });
  const normalized = normalizePhoneNumber(to);
  if (!normalized.ok) return toField.invalid(normalized.reason);
  for (const other of MESSAGE_TYPES) {
    if (other !== type && root.child(other).isPresent) {
      root.child(other).unsupported(`not allowed in a message of type ${type}`);
    }
  }
  const context = root.child('context');
  if (context.isPresent) {
    context.object(['message_id']);
    context.child('message_id').string({ min: 1 });
  }
  const bizOpaqueCallbackData = root.child('biz_opaque_callback_data').optionalString({ max: LIMITS.bizOpaqueCallbackData });
  return { to, waId: normalized.digits, type, bizOpaqueCallbackData };
}

/** `type` as given, or inferred from the one content object present (Meta defaults to text). */
function messageType(root: Field): MessageType {
  if (root.child('type').isPresent) return root.child('type').oneOf(MESSAGE_TYPES);
  const present = MESSAGE_TYPES.filter((type) => root.child(type).isPresent);
  if (present.length > 1) {
    throw invalidParameter(`type: required when the message has more than one content object (found ${present.join(', ')})`);
  }
  return present[0] ?? 'text';
}
