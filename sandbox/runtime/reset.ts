import { resetMatonState } from '../flavors/maton/maton-state';
import { seedTemplates } from '../templates/seed-template';
import type { SandboxContext } from './context';

/**
 * Back to the start state: seed template, default profile, and no media, messages, windows,
 * throttle counters, pending timers or webhook log; Maton's connections back to the configured one.
 */
export function resetSandbox(ctx: SandboxContext): void {
  ctx.webhooks.reset();
  ctx.timers.clearAll();
  ctx.approvals.clear();
  ctx.state.clear();
  seedTemplates(ctx.state.templates);
  resetMatonState(ctx);
}
