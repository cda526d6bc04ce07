import { AUTO_DOWNLOAD_KINDS, MAX_CONCURRENT_WEBHOOK_REQUESTS } from 'whatsapp-business-core';
import { bindOperation, catalogue } from './bind';
import type { ToolDefinition } from './define';

/** WhatsApp On-Premises API only: the self-hosted client's readiness, number registration and settings. */
const DOCS = {
  countryCode: 'Country calling code without "+", e.g. "1" or "44".',
  phoneNumber: 'The business number without its country code, digits only.',
  method: 'How the code is delivered: "sms" or "voice" (a call).',
  cert: 'The base64 certificate WhatsApp Manager shows for the number once its display name is approved.',
  pin: 'The number\'s 6-digit two-step verification PIN, when it has one.',
  code: 'The 6-digit code received by SMS or voice call.',
  webhookUrl: 'HTTPS URL the client posts inbound messages and statuses to (e.g. this server\'s /webhook with ?token=).',
  webhookStatuses: 'Which statuses of sent messages are posted: sent, delivered, read (client v2.41.2 and later).',
  maxConcurrentWebhookRequests: `Parallel webhook requests: ${MAX_CONCURRENT_WEBHOOK_REQUESTS.join(', ')}.`,
  callbackPersist: 'Keep undelivered callbacks across restarts.',
  autoDownload: `Media kinds the client downloads by itself when they arrive: ${AUTO_DOWNLOAD_KINDS.join(', ')}.`,
  passThrough: 'Post the payload of incoming messages unchanged.',
  callbackBackoffDelayMs: 'First delay before a failed callback is retried, in ms.',
  maxCallbackBackoffDelayMs: 'Longest delay between callback retries, in ms.',
};

export function onPremAccountTools(): ToolDefinition[] {
  return [
    bindOperation(catalogue('account.getHealth'), {
      name: 'whatsapp_get_health',
      description:
        'WhatsApp On-Premises API only. Whether the client is connected to WhatsApp and ready to send (gateway_status per node). "connecting" or ' +
        '"disconnected" usually means the core app is still starting: wait and ask again. "uninitialized" or "unregistered" means the number must be ' +
        'registered first (whatsapp_request_registration_code). Meta stopped delivering for On-Premises numbers on 2025-10-23.',
      toolset: 'account',
    }),
    bindOperation(catalogue('account.requestCode'), {
      name: 'whatsapp_request_registration_code',
      auditRedact: ['cert', 'pin'],
      description:
        'WhatsApp On-Premises API only. First step of registering the business number on this client: WhatsApp sends a code by SMS or voice call ' +
        '(status code_sent; then call whatsapp_verify_registration_code), or the number is already registered. Only with the owner\'s explicit request.',
      toolset: 'account',
      docs: DOCS,
    }),
    bindOperation(catalogue('account.verifyCode'), {
      name: 'whatsapp_verify_registration_code',
      auditRedact: ['code'],
      description:
        'WhatsApp On-Premises API only. Second step of registration: submits the code received by SMS or voice call. The number then belongs to this ' +
        'client and stops working wherever it was registered before. Only with the owner\'s explicit request.',
      toolset: 'account',
      docs: DOCS,
    }),
    bindOperation(catalogue('account.getSettings'), {
      name: 'whatsapp_get_application_settings',
      description:
        'WhatsApp On-Premises API only. The client\'s application settings, including the webhook URL it posts inbound messages and statuses to.',
      toolset: 'account',
    }),
    bindOperation(catalogue('account.updateSettings'), {
      name: 'whatsapp_update_application_settings',
      description:
        'WhatsApp On-Premises API only. Changes the given application settings (the others stay): webhook URL (https), which statuses are posted, ' +
        'webhook concurrency, media auto-download, callback persistence and back-off. Changing the webhook URL redirects every inbound message.',
      toolset: 'account',
      docs: DOCS,
    }),
  ];
}
