import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { unixSeconds } from '../webhooks/envelopes';
import type { SentMessage } from './message-log';
import { recordSend } from './send-policies';

/** What a flavor's send route decided: its own id format, and the body it logs (its own dialect). */
export interface AcceptedSend {
  id: string;
  /** Recipient digits (wa_id). */
  to: string;
  type: string;
  payload: JsonObject;
}

/**
 * The step every flavor's send shares once a message passed all checks: it counts against the
 * throughput and pair limits and is logged as accepted, at `now`.
 */
export function acceptMessage(ctx: SandboxContext, send: AcceptedSend, now: number): SentMessage {
  recordSend(ctx, send.to);
  const message: SentMessage = {
    id: send.id,
    phoneNumberId: ctx.config.phoneNumberId,
    to: send.to,
    type: send.type,
    payload: send.payload,
    status: 'accepted',
    errors: [],
    timestamp: unixSeconds(now),
  };
  ctx.state.messages.add(message);
  return message;
}
