import { seedTemplates } from '../templates/seed-template';
import type { SandboxContext } from './context';

/**
 * Back to the start state: seed template, default profile, and no media, messages, windows,
 * throttle counters, pending timers or webhook log.
 */
export function resetSandbox(ctx: SandboxContext): void {
  ctx.webhooks.reset();
  ctx.timers.clearAll();
  ctx.approvals.clear();
  ctx.state.clear();
  seedTemplates(ctx.state.templates);
}
