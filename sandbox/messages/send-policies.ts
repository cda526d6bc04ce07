import { GraphError } from '../graph/graph-error';
import type { SandboxContext } from '../runtime/context';

const PAIR_WINDOW_SECONDS = 6;

/**
 * Rules Meta applies before accepting a message: the test-number allow-list, the phone number's
 * throughput and the per-recipient pair rate. Checked after validation, so invalid requests do
 * not use up throughput.
 */
export function checkSendPolicies(ctx: SandboxContext, waId: string): void {
  const { allowedRecipients, mps, pairRate, phoneNumberId } = ctx.config;
  if (allowedRecipients !== null && !allowedRecipients.has(waId)) {
    throw new GraphError(
      131030,
      'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
    );
  }
  const now = ctx.now();
  if (mps > 0 && ctx.state.throughput.count(phoneNumberId, now) >= mps) {
    throw new GraphError(130429, 'Cloud API message throughput has been reached.');
  }
  if (pairRate > 0 && ctx.state.pairs.count(`${phoneNumberId}:${waId}`, now) >= pairRate) {
    throw new GraphError(
      131056,
      `Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time (more than ${pairRate} in ${PAIR_WINDOW_SECONDS} s).`,
    );
  }
}

export function recordSend(ctx: SandboxContext, waId: string): void {
  const now = ctx.now();
  ctx.state.throughput.record(ctx.config.phoneNumberId, now);
  ctx.state.pairs.record(`${ctx.config.phoneNumberId}:${waId}`, now);
}
