import type { IDataObject } from 'n8n-workflow';
import { maskUrlSecrets } from '../../../shared/secrets';

function isObject(value: unknown): value is IDataObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The application settings as an item, with the secret of the webhook URL masked (the trigger's
 * automatic setup puts the credential's Webhook Secret there as ?token=): items are stored with
 * the execution, and the secret belongs to the credential.
 */
export function settingsItem(result: { webhookUrl: string | null; settings: Record<string, unknown> }): IDataObject {
  const settings: IDataObject = { ...(result.settings as IDataObject) };
  const webhooks = settings.webhooks;
  if (isObject(webhooks) && typeof webhooks.url === 'string') settings.webhooks = { ...webhooks, url: maskUrlSecrets(webhooks.url) };
  return { webhookUrl: result.webhookUrl === null ? null : maskUrlSecrets(result.webhookUrl), settings };
}
