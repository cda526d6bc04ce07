import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { AUTO_DOWNLOAD_KINDS, MAX_CONCURRENT_WEBHOOK_REQUESTS } from '../../../shared/core';
import { bind, toJson } from '../../helpers/binding';
import { collection, compact, optField } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

const properties: INodeProperties[] = [
  {
    displayName: 'Update Fields',
    name: 'updateFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      {
        displayName: 'Auto-Download Media',
        name: 'autoDownload',
        type: 'multiOptions',
        options: AUTO_DOWNLOAD_KINDS.map((value) => ({ name: titleCase(value), value })),
        default: [],
        description: 'Media kinds the client downloads by itself as they arrive',
      },
      { displayName: 'Callback Back-Off Delay (Ms)', name: 'callbackBackoffDelayMs', type: 'number', typeOptions: { minValue: 0 }, default: 3000, description: 'First wait before the client retries a failed webhook' },
      { displayName: 'Keep Undelivered Callbacks', name: 'callbackPersist', type: 'boolean', default: true, description: 'Whether the client keeps undelivered webhooks across restarts' },
      {
        displayName: 'Max Callback Back-Off Delay (Ms)',
        name: 'maxCallbackBackoffDelayMs',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 900000,
        description: 'Longest wait between webhook retries',
      },
      {
        displayName: 'Max Concurrent Webhook Requests',
        name: 'maxConcurrentWebhookRequests',
        type: 'options',
        options: MAX_CONCURRENT_WEBHOOK_REQUESTS.map((value) => ({ name: String(value), value })),
        default: 12,
      },
      { displayName: 'Pass Through', name: 'passThrough', type: 'boolean', default: true, description: 'Whether the client passes received messages through without keeping them' },
      { displayName: 'Post Delivered Statuses', name: 'statusDelivered', type: 'boolean', default: true, description: 'Whether "delivered" statuses are posted to the webhook (client v2.41.2 and later)' },
      { displayName: 'Post Read Statuses', name: 'statusRead', type: 'boolean', default: true, description: 'Whether "read" statuses are posted to the webhook (client v2.41.2 and later)' },
      { displayName: 'Post Sent Statuses', name: 'statusSent', type: 'boolean', default: false, description: 'Whether "sent" statuses are posted to the webhook (client v2.41.2 and later)' },
      {
        displayName: 'Webhook URL',
        name: 'webhookUrl',
        type: 'string',
        default: '',
        placeholder: 'e.g. https://n8n.example.com/webhook/abc/webhook',
        description: 'HTTPS URL that receives inbound messages and statuses (e.g. the WhatsApp Business Trigger\'s production URL)',
      },
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['updateSettings'] } }, properties);

function flag(fields: IDataObject, name: string): boolean | undefined {
  return typeof fields[name] === 'boolean' ? fields[name] : undefined;
}

function number(fields: IDataObject, name: string): number | string | undefined {
  const value = fields[name];
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? value : undefined;
}

/** Only the settings the user added; core refuses an update that changes nothing. */
export function toInput(get: ParamReader): IDataObject {
  const fields = collection(get, 'updateFields');
  const statuses = compact({ sent: flag(fields, 'statusSent'), delivered: flag(fields, 'statusDelivered'), read: flag(fields, 'statusRead') });
  return compact({
    webhookUrl: optField(fields, 'webhookUrl'),
    webhookStatuses: Object.keys(statuses).length > 0 ? statuses : undefined,
    maxConcurrentWebhookRequests: number(fields, 'maxConcurrentWebhookRequests'),
    callbackPersist: flag(fields, 'callbackPersist'),
    autoDownload: Array.isArray(fields.autoDownload) ? fields.autoDownload : undefined,
    passThrough: flag(fields, 'passThrough'),
    callbackBackoffDelayMs: number(fields, 'callbackBackoffDelayMs'),
    maxCallbackBackoffDelayMs: number(fields, 'maxCallbackBackoffDelayMs'),
  });
}

export const action = bind({
  operation: 'account.updateSettings',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
