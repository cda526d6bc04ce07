import { randomUUID } from 'node:crypto';
import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import type { SandboxConfig } from '../../runtime/options';

/**
 * The password a fresh client ships with (admin:secret). As on the real client, a login with it is
 * refused with 1024 until it sends {"new_password": ...}: start the sandbox with password "secret"
 * to exercise that first-login step.
 */
export const FACTORY_PASSWORD = 'secret';

export interface PendingRegistration {
  /** Country calling code and number, as digits. */
  number: string;
  code: string;
}

/**
 * Application settings of a fresh client: status webhooks for delivered and read (not sent, the
 * client's default), posted to the --callback-url option until a PATCH sets webhooks.url.
 */
export function defaultApplicationSettings(callbackUrl: string | null): JsonObject {
  const webhooks: JsonObject = { max_concurrent_requests: 6, message: { sent: false, delivered: true, read: true } };
  if (callbackUrl !== null) webhooks.url = callbackUrl;
  return {
    callback_persist: true,
    pass_through: true,
    media: { auto_download: [] },
    webhooks,
    callback_backoff_delay_ms: 3000,
    max_callback_backoff_delay_ms: 900000,
    heartbeat_interval: 5,
    unhealthy_interval: 30,
  };
}

/** What the simulated client keeps besides the Cloud flavor's stores (media, messages, windows, profile). */
export class OnPremState {
  /** When the sandbox started: the core app is "connecting" for startupDelayMs after it. */
  readonly startedAt: number;
  password: string;
  passwordChangeRequired: boolean;
  /** Login token -> expiry (ms). */
  readonly tokens = new Map<string, number>();
  settings: JsonObject;
  /** The registered number (digits); the sandbox starts registered with its display number. */
  registeredNumber: string;
  pending: PendingRegistration | null = null;
  /** Numbers a no_wait contact check has seen: later checks answer them at once. */
  readonly knownContacts = new Set<string>();
  /** On-Premises media ids are UUIDs; the shared media store numbers its own. UUID -> store id and back. */
  readonly #mediaByUuid = new Map<string, string>();
  readonly #uuidByMedia = new Map<string, string>();

  constructor(
    private readonly config: SandboxConfig,
    now: number,
  ) {
    this.startedAt = now;
    this.password = config.password;
    this.passwordChangeRequired = config.password === FACTORY_PASSWORD;
    this.settings = defaultApplicationSettings(config.callbackUrl);
    this.registeredNumber = config.displayPhoneNumber;
  }

  /** The UUID this client shows for a stored media item (made on first use). */
  mediaUuid(storeId: string): string {
    let uuid = this.#uuidByMedia.get(storeId);
    if (uuid === undefined) {
      uuid = randomUUID();
      this.#uuidByMedia.set(storeId, uuid);
      this.#mediaByUuid.set(uuid, storeId);
    }
    return uuid;
  }

  /** The store id behind a UUID, or undefined for an id this client never issued. */
  storeId(uuid: string): string | undefined {
    return this.#mediaByUuid.get(uuid);
  }

  /** Back to a fresh client (a control API reset); logins stay valid and the start-up is not repeated. */
  reset(): void {
    this.password = this.config.password;
    this.passwordChangeRequired = this.config.password === FACTORY_PASSWORD;
    this.settings = defaultApplicationSettings(this.config.callbackUrl);
    this.registeredNumber = this.config.displayPhoneNumber;
    this.pending = null;
    this.knownContacts.clear();
    this.#mediaByUuid.clear();
    this.#uuidByMedia.clear();
  }
}

const states = new WeakMap<SandboxContext, OnPremState>();

/** The flavor's state for this sandbox, made when first needed (normally at start, by setUpOnPrem). */
export function onPremState(ctx: SandboxContext): OnPremState {
  let state = states.get(ctx);
  if (state === undefined) {
    state = new OnPremState(ctx.config, ctx.now());
    states.set(ctx, state);
  }
  return state;
}
