import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operations } from '../shared/core';
import type { Provider } from '../shared/core';
import { toNodeError } from '../shared/errors';
import { AUTHENTICATIONS, providerFor } from '../shared/provider';
import { urlWithSecret } from './shared-secret';

const CREDENTIAL = AUTHENTICATIONS.onPremisesApi.credential;

/** The credential's Webhook Secret ('' when none is set). */
export async function onPremSecret(context: IHookFunctions): Promise<string> {
  const credentials = await context.getCredentials(CREDENTIAL);
  return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
}

async function withProvider<T>(context: IHookFunctions, use: (provider: Provider) => Promise<T>): Promise<T> {
  let provider: Provider | undefined;
  try {
    provider = await providerFor(context, 'onPremisesApi');
    return await use(provider);
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  } finally {
    await provider?.close();
  }
}

/** The URL the client must post to: this workflow's, carrying the secret. */
export async function onPremCallbackUrl(context: IHookFunctions, webhookUrl: string): Promise<string> {
  return urlWithSecret(webhookUrl, await onPremSecret(context));
}

export async function onPremWebhookUrl(context: IHookFunctions): Promise<string | null> {
  return withProvider(context, async (provider) => (await operations['account.getSettings'].run(provider, {})).webhookUrl);
}

/**
 * Points the client's webhook at `callbackUrl` (PATCH /v1/settings/application) and remembers
 * the URL that was there, to put it back on deactivation.
 */
export async function registerOnPremWebhook(context: IHookFunctions, staticData: IDataObject, callbackUrl: string): Promise<void> {
  if (!callbackUrl.toLowerCase().startsWith('https://')) {
    throw new NodeOperationError(context.getNode(), `The On-Premises client only posts to https URLs, and this workflow's URL is ${callbackUrl.split('?')[0]}`, {
      description: 'Serve n8n over HTTPS (set WEBHOOK_URL to its public https address), or use Manual setup.',
    });
  }
  await withProvider(context, async (provider) => {
    const { webhookUrl: previous } = await operations['account.getSettings'].run(provider, {});
    if (previous !== null && previous !== callbackUrl) staticData.previousWebhookUrl = previous;
    await operations['account.updateSettings'].run(provider, { webhookUrl: callbackUrl });
  });
}

/**
 * Puts back the webhook URL that was set before activation, when the client still posts here. The
 * settings API cannot clear a webhook URL without resetting every setting, so when there was none
 * the URL stays (the client's posts then get 404 from n8n).
 */
export async function restoreOnPremWebhook(context: IHookFunctions, staticData: IDataObject, callbackUrl: string): Promise<void> {
  const previous = typeof staticData.previousWebhookUrl === 'string' ? staticData.previousWebhookUrl : null;
  if (previous === null || !previous.toLowerCase().startsWith('https://')) return;
  await withProvider(context, async (provider) => {
    const { webhookUrl: current } = await operations['account.getSettings'].run(provider, {});
    if (current === callbackUrl) await operations['account.updateSettings'].run(provider, { webhookUrl: previous });
  });
}
