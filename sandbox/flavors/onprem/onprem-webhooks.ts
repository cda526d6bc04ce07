import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import type { WebhookDialect } from '../../webhooks/dispatcher';
import { onPremState } from './onprem-state';

const STATUS_SETTINGS = new Set(['sent', 'delivered', 'read']);

function objectsIn(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter((item): item is JsonObject => isJsonObject(item)) : [];
}

/** The `messages` values of Meta's envelope, whatever number of entries and changes it has. */
function messagesValues(payload: JsonObject): JsonObject[] {
  return objectsIn(payload.entry)
    .flatMap((entry) => objectsIn(entry.changes))
    .filter((change) => change.field === 'messages' && isJsonObject(change.value))
    .map((change) => change.value as JsonObject);
}

/** Whether the settings ask for status webhooks of this kind (webhooks.message.sent/delivered/read). */
function wanted(settings: JsonObject, status: JsonValue | undefined): boolean {
  if (typeof status !== 'string' || !STATUS_SETTINGS.has(status)) return true;
  const webhooks = isJsonObject(settings.webhooks) ? settings.webhooks : {};
  const message = isJsonObject(webhooks.message) ? webhooks.message : {};
  return message[status] !== false;
}

/**
 * The On-Premises client's webhooks: the flat `{contacts, messages}` / `{statuses}` / `{errors}`
 * body without entry, changes or metadata, statuses marked "type": "message", posted unsigned to
 * the webhooks.url of the application settings (initially the --callback-url option). Template and
 * account events are Meta's business-account webhooks, which a client does not receive.
 */
export function onPremWebhookDialect(ctx: SandboxContext): WebhookDialect {
  return {
    target: () => {
      const webhooks = onPremState(ctx).settings.webhooks;
      const url = isJsonObject(webhooks) ? webhooks.url : undefined;
      return typeof url === 'string' && url !== '' ? { url } : null;
    },
    translate: (field, payload) => {
      if (field !== 'messages') return null;
      const settings = onPremState(ctx).settings;
      const values = messagesValues(payload);
      const messages = values.flatMap((value) => objectsIn(value.messages));
      const statuses = values
        .flatMap((value) => objectsIn(value.statuses))
        .filter((status) => wanted(settings, status.status))
        .map((status) => ({ ...status, type: 'message' }));
      const errors = values.flatMap((value) => objectsIn(value.errors));
      if (messages.length === 0 && statuses.length === 0 && errors.length === 0) return null;
      const flat: JsonObject = {};
      const contacts = values.flatMap((value) => objectsIn(value.contacts));
      if (contacts.length > 0) flat.contacts = contacts;
      if (messages.length > 0) flat.messages = messages;
      if (statuses.length > 0) flat.statuses = statuses;
      if (errors.length > 0) flat.errors = errors;
      return flat;
    },
  };
}

/** Called once at start: the flavor's state (its start-up clock starts now) and its webhooks. */
export function setUpOnPrem(ctx: SandboxContext): void {
  onPremState(ctx);
  ctx.webhooks.useDialect(onPremWebhookDialect(ctx));
}
