import { AUTO_DOWNLOAD_KINDS, isJsonObject, MAX_CONCURRENT_WEBHOOK_REQUESTS, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import type { Field } from '../../validation/field';
import { jsonField } from '../../validation/json-field';
import { withOnPremErrors } from './onprem-error';
import { defaultApplicationSettings, onPremState } from './onprem-state';

const TOP_KEYS = [
  'webhooks',
  'callback_persist',
  'media',
  'pass_through',
  'sent_status',
  'callback_backoff_delay_ms',
  'max_callback_backoff_delay_ms',
  'heartbeat_interval',
  'unhealthy_interval',
  'on_call_pager',
];
const BOOLEANS = ['callback_persist', 'pass_through', 'sent_status'];
/** The reference types these as strings ("3000") and Meta's examples as numbers; both are taken. */
const DURATIONS = ['callback_backoff_delay_ms', 'max_callback_backoff_delay_ms', 'heartbeat_interval', 'unhealthy_interval'];

/** GET /v1/settings/application, nested as settings.application like the client's other settings. */
export function getApplicationSettings(ctx: SandboxContext): JsonObject {
  return { settings: { application: onPremState(ctx).settings } };
}

/** The `webhooks` part of a PATCH, merged into the current one. */
function patchWebhooks(current: JsonObject, field: Field): JsonObject {
  field.object(['url', 'max_concurrent_requests', 'message']);
  const next: JsonObject = { ...current };
  const url = field.child('url');
  if (url.isPresent) {
    // "" clears it. The real client requires https; the sandbox also takes http for local receivers.
    if (url.string() === '') delete next.url;
    else next.url = url.httpUrl();
  }
  const concurrency = field.child('max_concurrent_requests');
  if (concurrency.isPresent) {
    const value = concurrency.number({ integer: true });
    if (!(MAX_CONCURRENT_WEBHOOK_REQUESTS as readonly number[]).includes(value)) concurrency.invalid(`must be ${MAX_CONCURRENT_WEBHOOK_REQUESTS.join(', ')} (got ${value})`);
    next.max_concurrent_requests = value;
  }
  const message = field.child('message');
  if (message.isPresent) {
    message.object(['sent', 'delivered', 'read']);
    const statuses: JsonObject = isJsonObject(current.message) ? { ...(current.message as JsonObject) } : {};
    for (const status of ['sent', 'delivered', 'read']) {
      const flag = message.child(status).optionalBoolean();
      if (flag !== undefined) statuses[status] = flag;
    }
    next.message = statuses;
  }
  return next;
}

/** PATCH /v1/settings/application: only the settings given change; the whole patch is checked first. */
export function patchApplicationSettings(ctx: SandboxContext, body: Buffer): JsonObject {
  const state = onPremState(ctx);
  state.settings = withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(TOP_KEYS);
    const next: JsonObject = { ...state.settings };
    const webhooks = root.child('webhooks');
    if (webhooks.isPresent) next.webhooks = patchWebhooks(isJsonObject(state.settings.webhooks) ? (state.settings.webhooks as JsonObject) : {}, webhooks);
    for (const key of BOOLEANS) {
      const value = root.child(key).optionalBoolean();
      if (value !== undefined) next[key] = value;
    }
    for (const key of DURATIONS) {
      if (root.child(key).isPresent) next[key] = root.child(key).numeric({ integer: true, min: 0 });
    }
    const media = root.child('media');
    if (media.isPresent) {
      media.object(['auto_download']);
      const kinds: JsonValue[] = media.child('auto_download').array({ noun: 'media kinds' }).map((kind) => kind.oneOf(AUTO_DOWNLOAD_KINDS));
      next.media = { auto_download: kinds };
    }
    const pager = root.child('on_call_pager').optionalString();
    if (pager !== undefined) next.on_call_pager = pager;
    return next;
  });
  return {};
}

/** DELETE /v1/settings/application: back to a fresh client's settings. */
export function resetApplicationSettings(ctx: SandboxContext): JsonObject {
  onPremState(ctx).settings = defaultApplicationSettings(ctx.config.callbackUrl);
  return {};
}
