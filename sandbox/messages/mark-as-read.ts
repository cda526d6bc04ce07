import type { GraphResult } from '../graph/graph-request';
import type { SandboxContext } from '../runtime/context';
import { Field } from '../validation/field';

/** `{messaging_product, status: "read", message_id, typing_indicator?}` for an inbound message. */
export function markAsRead(ctx: SandboxContext, root: Field): GraphResult {
  root.object(['messaging_product', 'status', 'message_id', 'typing_indicator']);
  root.child('messaging_product').oneOf(['whatsapp'] as const);
  root.child('status').oneOf(['read'] as const);
  const idField = root.child('message_id');
  const id = idField.string({ min: 1 });
  const typing = root.child('typing_indicator');
  if (typing.isPresent) {
    typing.object(['type']);
    typing.child('type').oneOf(['text'] as const);
  }
  const inbound = ctx.state.inbound.get(id);
  if (inbound === undefined || inbound.phoneNumberId !== ctx.config.phoneNumberId) {
    idField.unsupported(`no inbound message with id '${id}' was received by this phone number`);
  }
  return { body: { success: true } };
}
