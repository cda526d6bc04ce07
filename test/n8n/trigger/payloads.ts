import { signWebhookPayload } from 'whatsapp-business-core';
import { webhookContext, type ContextOptions } from '../helpers/webhook-context';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';

export const APP_SECRET = 'trigger-test-app-secret';
export const VERIFY_TOKEN = 'my-chosen-verify-token';
export const PHONE_A = '100000000000001';
export const PHONE_B = '100000000000002';
export const WABA = '200000000000001';

export const trigger = new WhatsAppBusinessTrigger();

export function credentials(extra: Record<string, string> = {}) {
  return {
    whatsAppWebhookApi: { appId: '300000000000001', appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, ...extra },
    whatsAppCloudApi: { accessToken: 'cloud-token', businessAccountId: WABA, apiVersion: 'v23.0', baseUrl: 'https://graph.facebook.com' },
  };
}

export function message(id: string, type = 'text', extra: Record<string, unknown> = {}) {
  const base: Record<string, unknown> = { from: '15551234567', id, timestamp: '1750000000', type };
  if (type === 'text') base.text = { body: `hello ${id}` };
  if (type === 'image') base.image = { id: `media-${id}`, mime_type: 'image/jpeg', sha256: 'x' };
  return { ...base, ...extra };
}

export function status(id: string, value: string) {
  return { id, status: value, timestamp: '1750000001', recipient_id: '15551234567' };
}

export function messagesChange(phoneNumberId: string, value: { messages?: unknown[]; statuses?: unknown[] }) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: 'Test Customer' }, wa_id: '15551234567' }],
      ...value,
    },
  };
}

export function templateChange(event = 'APPROVED') {
  return {
    field: 'message_template_status_update',
    value: { event, message_template_id: 123, message_template_name: 'hello', message_template_language: 'en_US', reason: 'NONE' },
  };
}

export function accountChange() {
  return { field: 'account_update', value: { phone_number: '15550000001', event: 'VERIFIED_ACCOUNT' } };
}

export function qualityChange() {
  return { field: 'phone_number_quality_update', value: { display_phone_number: '15550000001', event: 'FLAGGED', current_limit: 'TIER_1K' } };
}

export function body(...changes: unknown[][]) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: changes.map((entryChanges, index) => ({ id: WABA, time: 1750000000 + index, changes: entryChanges })),
  });
}

/**
 * The trigger remembers emitted events per workflow and node in the process, next to static data.
 * A test's static data object stands for one workflow: calls sharing it share the workflow id,
 * and calls without static data each get a workflow of their own.
 */
const workflowOf = new WeakMap<object, string>();
let workflows = 0;

function workflowIdFor(options: ContextOptions): string {
  if (options.workflowId !== undefined) return options.workflowId;
  if (options.staticData === undefined) return `wf-post-${++workflows}`;
  const known = workflowOf.get(options.staticData);
  if (known !== undefined) return known;
  const id = `wf-post-${++workflows}`;
  workflowOf.set(options.staticData, id);
  return id;
}

/** Calls the trigger's webhook() for a signed POST of `raw`. */
export async function post(raw: string, options: ContextOptions, signature: string | null = signWebhookPayload(raw, APP_SECRET)) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const { context, response } = webhookContext(
    { credentials: credentials(), ...options, workflowId: workflowIdFor(options) },
    { webhookName: 'default', rawBody: Buffer.from(raw), headers },
  );
  const result = await trigger.webhook.call(context);
  return { result, response, items: result.workflowData?.[0] ?? [] };
}

export function parameters(overrides: Record<string, unknown> = {}) {
  return { authentication: 'cloudApi', setupMode: 'manual', events: ['messages', 'statuses'], statusValues: [], messageTypes: [], phoneNumberIds: '', options: {}, ...overrides };
}
