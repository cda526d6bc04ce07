import type { BodyBudget } from '../http/body-budget';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import type { BusinessIdentity } from '../webhooks/envelopes';
import type { SandboxConfig } from './options';
import type { SandboxState } from './sandbox-state';
import type { TimerRegistry } from './timers';

/** What every route handler works with. */
export interface SandboxContext {
  config: SandboxConfig;
  state: SandboxState;
  webhooks: WebhookDispatcher;
  timers: TimerRegistry;
  /** Request-body bytes held in memory at once, across requests. */
  bodies: BodyBudget;
  business: BusinessIdentity;
  /** Template id -> cancels its pending approval (on delete, status change and reset). */
  approvals: Map<string, () => void>;
  now(): number;
  /** The sandbox's own origin, e.g. http://127.0.0.1:8089, once it is listening. */
  baseUrl(): string;
}
