import type { AddressInfo } from 'node:net';
import { BodyBudget } from '../http/body-budget';
import { MEDIA_BODY_LIMIT } from '../media/upload-route';
import { setUpOnPrem } from '../flavors/onprem/onprem-webhooks';
import { seedTemplates } from '../templates/seed-template';
import { WebhookDispatcher, type WebhookTarget } from '../webhooks/dispatcher';
import type { SandboxContext } from './context';
import { createSandboxServer } from './http-server';
import { resolveOptions, type SandboxConfig, type SandboxOptions } from './options';
import { SandboxState } from './sandbox-state';
import { TimerRegistry } from './timers';

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:43121 (no trailing slash); clients use `${url}/v23.0/...`. */
  url: string;
  port: number;
  token: string;
  phoneNumberId: string;
  wabaId: string;
  verifyToken: string;
  appId: string;
  /** Request-body bytes reserved in memory right now (read-only; returns to 0 when no body is being read). */
  readonly bodyBytesInUse: number;
  /** Resolves when every queued webhook has been delivered or given up. */
  webhooksIdle(): Promise<void>;
  /** Stops timers, closes keep-alive sockets and resolves when the port is free. */
  close(): Promise<void>;
}

/**
 * Request bodies held in memory at once: two of the largest uploads and some JSON. Requests past
 * it wait, unread, for their turn.
 */
const BODY_BUDGET_BYTES = 2 * MEDIA_BODY_LIMIT + 32 * 1024 * 1024;

/** Starts a WhatsApp Cloud API simulator on its own HTTP port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config = resolveOptions(options);
  const state = new SandboxState();
  seedTemplates(state.templates);
  const timers = new TimerRegistry();
  let baseUrl = '';
  const webhooks = new WebhookDispatcher({
    timers,
    retries: config.webhookRetries,
    log: config.log,
    target: (field) => webhookTarget(config, state, field),
  });
  const ctx: SandboxContext = {
    config,
    state,
    webhooks,
    timers,
    bodies: new BodyBudget(BODY_BUDGET_BYTES, { waitMs: config.bodyWaitMs, idleMs: config.bodyIdleMs }),
    business: { wabaId: config.wabaId, phoneNumberId: config.phoneNumberId, displayPhoneNumber: config.displayPhoneNumber },
    approvals: new Map(),
    now: () => Date.now(),
    baseUrl: () => baseUrl,
  };
  if (config.flavor === 'onprem') setUpOnPrem(ctx);
  const server = createSandboxServer(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = boundPort(server.address());
  baseUrl = `${config.tls === null ? 'http' : 'https'}://${urlHost(config.host)}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      webhooks.stop();
      timers.clearAll();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: baseUrl,
    port,
    token: config.token,
    phoneNumberId: config.phoneNumberId,
    wabaId: config.wabaId,
    verifyToken: config.verifyToken,
    appId: config.appId,
    get bodyBytesInUse(): number {
      return ctx.bodies.inUse;
    },
    webhooksIdle: () => webhooks.idle(),
    close,
  };
}

/**
 * Webhooks need a secret to sign with and somewhere to go. A subscribed_apps override wins; then
 * the app subscription made through `/{app-id}/subscriptions`, which (as on Meta) only receives
 * the fields it lists and only once the WABA itself is subscribed to the app; then the
 * `callbackUrl` option (a callback configured outside the API, the WABA taken as subscribed).
 */
function webhookTarget(config: SandboxConfig, state: SandboxState, field: string): WebhookTarget | null {
  if (config.appSecret === null) return null;
  const override = state.subscription?.overrideCallbackUri ?? null;
  if (override !== null) {
    return { url: override, appSecret: config.appSecret, verifyToken: state.subscription?.overrideVerifyToken ?? config.verifyToken };
  }
  const app = state.appSubscription;
  if (app !== null) {
    if (state.subscription === null || !app.fields.has(field)) return null;
    return { url: app.callbackUrl, appSecret: config.appSecret, verifyToken: app.verifyToken };
  }
  if (config.callbackUrl === null) return null;
  return { url: config.callbackUrl, appSecret: config.appSecret, verifyToken: config.verifyToken };
}

function boundPort(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('the sandbox server is not listening on a TCP port');
  return address.port;
}

/** A wildcard bind address is not something a client can connect to; loopback is. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
