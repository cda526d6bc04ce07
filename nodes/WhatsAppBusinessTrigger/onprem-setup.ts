import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operations, withoutTrailingSlashes } from '../shared/core';
import type { Provider } from '../shared/core';
import { toNodeError } from '../shared/errors';
import { AUTHENTICATIONS, providerFor } from '../shared/provider';
import { redactorFor } from '../shared/secrets';
import { urlWithSecret } from './shared-secret';

const CREDENTIAL = AUTHENTICATIONS.onPremisesApi.credential;

/** The credential's Webhook Secret ('' when none is set). */
export async function onPremSecret(context: IHookFunctions): Promise<string> {
  const credentials = await context.getCredentials(CREDENTIAL);
  return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
}

/** Runs `use` with the credential's provider; a failure says which step of the setup failed. */
async function withProvider<T>(context: IHookFunctions, step: string, use: (provider: Provider) => Promise<T>): Promise<T> {
  let provider: Provider | undefined;
  try {
    provider = await providerFor(context, 'onPremisesApi');
    return await use(provider);
  } catch (error) {
    const nodeError = toNodeError(context.getNode(), error, undefined, await redactorFor(context, [CREDENTIAL]));
    nodeError.message = `${step}: ${nodeError.message}`;
    throw nodeError;
  } finally {
    await provider?.close();
  }
}

/** The URL the client must post to: this workflow's, carrying the secret. */
export async function onPremCallbackUrl(context: IHookFunctions, webhookUrl: string): Promise<string> {
  return urlWithSecret(webhookUrl, await onPremSecret(context));
}

/**
 * Whether `url` is this trigger's webhook, whatever secret (query, user info) it carries: an
 * earlier activation may have set it with a secret that has changed since.
 */
export function isThisWebhook(url: string | null, webhookUrl: string): boolean {
  if (url === null) return false;
  try {
    const given = new URL(url);
    const own = new URL(webhookUrl);
    return given.origin === own.origin && withoutTrailingSlashes(given.pathname) === withoutTrailingSlashes(own.pathname);
  } catch {
    return false;
  }
}

export async function onPremWebhookUrl(context: IHookFunctions): Promise<string | null> {
  return withProvider(context, "Reading the On-Premises client's webhook URL", async (provider) => (await operations['account.getSettings'].run(provider, {})).webhookUrl);
}

/**
 * Points the client's webhook at `callbackUrl` (PATCH /v1/settings/application) and remembers
 * the URL that was there, to put it back on deactivation. A URL that is already this webhook (an
 * activation that was never undone, or an older secret) is not remembered: the URL remembered
 * then stays, so deactivation still restores what was there before this trigger.
 */
export async function registerOnPremWebhook(context: IHookFunctions, staticData: IDataObject, callbackUrl: string, webhookUrl: string): Promise<void> {
  if (!callbackUrl.toLowerCase().startsWith('https://')) {
    throw new NodeOperationError(context.getNode(), `The On-Premises client only posts to https URLs, and this workflow's URL is ${webhookUrl}`, {
      description: 'Serve n8n over HTTPS (set WEBHOOK_URL to its public https address), or use Manual setup.',
    });
  }
  await withProvider(context, "Setting the On-Premises client's webhook URL", async (provider) => {
    const { webhookUrl: current } = await operations['account.getSettings'].run(provider, {});
    if (current === null) delete staticData.previousWebhookUrl;
    else if (!isThisWebhook(current, webhookUrl)) staticData.previousWebhookUrl = current;
    if (current !== callbackUrl) await operations['account.updateSettings'].run(provider, { webhookUrl: callbackUrl });
  });
}

/**
 * Puts back the webhook URL that was set before activation, when the client still posts to this
 * webhook (with any secret); a URL someone set since is left alone. The settings API cannot clear
 * a webhook URL without resetting every setting, so when there was none the URL stays (the
 * client's posts then get 404 from n8n until another URL is set).
 */
export async function restoreOnPremWebhook(context: IHookFunctions, staticData: IDataObject, webhookUrl: string): Promise<void> {
  const previous = typeof staticData.previousWebhookUrl === 'string' ? staticData.previousWebhookUrl : null;
  if (previous === null || !previous.toLowerCase().startsWith('https://')) return;
  await withProvider(context, "Restoring the On-Premises client's previous webhook URL", async (provider) => {
    const { webhookUrl: current } = await operations['account.getSettings'].run(provider, {});
    if (isThisWebhook(current, webhookUrl)) await operations['account.updateSettings'].run(provider, { webhookUrl: previous });
  });
}
