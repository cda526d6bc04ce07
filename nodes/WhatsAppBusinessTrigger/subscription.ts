import { createHmac } from 'node:crypto';
import type { IDataObject, IHookFunctions, INode, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DEFAULT_MATON_GATEWAY_URL, withoutTrailingSlashes } from '../shared/core';
import type { HttpMethod } from '../shared/core';
import { toNodeError } from '../shared/errors';
import { n8nTransport } from '../shared/n8n-transport';
import { AUTHENTICATIONS, toAuthentication } from '../shared/provider';

export const WEBHOOK_CREDENTIAL = 'whatsAppWebhookApi';
const WABA_OBJECT = 'whatsapp_business_account';

export interface WebhookCredentials {
  appId: string;
  appSecret: string;
  verifyToken: string;
  /** e.g. https://graph.facebook.com/v23.0 */
  graphBase: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function graphBase(baseUrl: unknown, apiVersion: unknown): string {
  const base = text(baseUrl) || 'https://graph.facebook.com';
  const version = text(apiVersion) || 'v23.0';
  return `${withoutTrailingSlashes(base)}/${version}`;
}

export async function webhookCredentials(context: IHookFunctions | IWebhookFunctions): Promise<WebhookCredentials> {
  const credentials = await context.getCredentials(WEBHOOK_CREDENTIAL);
  const appSecret = typeof credentials.appSecret === 'string' ? credentials.appSecret : '';
  if (appSecret === '') {
    throw new NodeOperationError(context.getNode(), 'The WhatsApp Webhook credential has no App Secret', {
      description: 'App Dashboard > App settings > Basic > App secret. It is needed to check the signature of every webhook.',
    });
  }
  return {
    appId: text(credentials.appId),
    appSecret,
    verifyToken: typeof credentials.verifyToken === 'string' ? credentials.verifyToken : '',
    graphBase: graphBase(credentials.baseUrl, credentials.apiVersion),
  };
}

/**
 * The verify token of the Automatic mode. Meta runs the handshake while n8n is still activating
 * the workflow, and n8n answers that request from the workflow as saved, without static data
 * written during activation; so the token is derived (from the app secret, the workflow and the
 * node) rather than random and stored. Nobody without the app secret can compute it.
 */
export function automaticVerifyToken(appSecret: string, workflowId: string | undefined, nodeId: string): string {
  return createHmac('sha256', appSecret)
    .update(`whatsapp-business-trigger:verify-token:${workflowId ?? ''}:${nodeId}`)
    .digest('hex')
    .slice(0, 40);
}

interface GraphAnswer {
  status: number;
  body: unknown;
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** One Graph call through n8n's helpers with the given credential's own authentication. */
async function graph(
  context: IHookFunctions,
  credentialType: string,
  method: HttpMethod,
  url: string,
  form?: Record<string, string>,
): Promise<GraphAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  let response;
  try {
    response = await n8nTransport(context, credentialType).request({ method, url, headers, body, timeoutMs: 30_000 });
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
  const raw = new TextDecoder().decode(response.body);
  let parsed: unknown = null;
  try {
    parsed = raw.trim() === '' ? null : JSON.parse(raw);
  } catch {
    parsed = raw.slice(0, 200);
  }
  return { status: response.status, body: parsed };
}

/**
 * A failed Graph answer as a NodeApiError: what failed and Meta's code in the message, Meta's own
 * words in the description (n8n would replace a message that mentions a network error code with
 * a generic text), no request details.
 */
function graphFailure(node: INode, what: string, answer: GraphAnswer): NodeApiError {
  const error = asObject(asObject(answer.body)?.error);
  const code = typeof error?.code === 'number' ? `Meta error #${error.code}, ` : '';
  const detail = typeof error?.message === 'string' ? error.message : `HTTP ${answer.status} without a Graph error object`;
  return new NodeApiError(node, error ?? { httpStatus: answer.status }, {
    message: `${what} failed (${code}HTTP ${answer.status})`,
    description: detail,
    httpCode: String(answer.status),
  });
}

async function expectOk(context: IHookFunctions, what: string, answer: Promise<GraphAnswer>, tolerate404 = false): Promise<GraphAnswer> {
  const result = await answer;
  if (result.status >= 200 && result.status < 300) return result;
  if (tolerate404 && result.status === 404) return result;
  throw graphFailure(context.getNode(), what, result);
}

export interface AppSubscription {
  callbackUrl: string;
  active: boolean;
  fields: string[];
}

/** The app's whatsapp_business_account subscription, or null. */
export async function readAppSubscription(context: IHookFunctions, credentials: WebhookCredentials): Promise<AppSubscription | null> {
  const url = `${credentials.graphBase}/${encodeURIComponent(credentials.appId)}/subscriptions`;
  const answer = await expectOk(context, 'Reading the app\'s webhook subscriptions', graph(context, WEBHOOK_CREDENTIAL, 'GET', url));
  const data = asObject(answer.body)?.data;
  for (const entry of Array.isArray(data) ? data : []) {
    const subscription = asObject(entry);
    if (subscription?.object !== WABA_OBJECT) continue;
    const fields = Array.isArray(subscription.fields) ? subscription.fields : [];
    return {
      callbackUrl: typeof subscription.callback_url === 'string' ? subscription.callback_url : '',
      active: subscription.active !== false,
      fields: fields.map((field) => (typeof field === 'string' ? field : text(asObject(field)?.name))).filter((name) => name !== ''),
    };
  }
  return null;
}

export async function createAppSubscription(
  context: IHookFunctions,
  credentials: WebhookCredentials,
  callbackUrl: string,
  verifyToken: string,
  fields: readonly string[],
): Promise<void> {
  const url = `${credentials.graphBase}/${encodeURIComponent(credentials.appId)}/subscriptions`;
  const form = { object: WABA_OBJECT, callback_url: callbackUrl, verify_token: verifyToken, fields: fields.join(','), include_values: 'true' };
  await expectOk(context, 'Registering the webhook URL with the Meta app', graph(context, WEBHOOK_CREDENTIAL, 'POST', url, form));
}

export async function deleteAppSubscription(context: IHookFunctions, credentials: WebhookCredentials): Promise<void> {
  const url = `${credentials.graphBase}/${encodeURIComponent(credentials.appId)}/subscriptions?object=${WABA_OBJECT}`;
  await expectOk(context, 'Removing the Meta app\'s webhook subscription', graph(context, WEBHOOK_CREDENTIAL, 'DELETE', url), true);
}

interface WabaTarget {
  credentialType: string;
  url: string;
  wabaId: string;
}

/** `/{waba-id}/subscribed_apps` of the node's Cloud API (or Maton) credential. */
async function wabaTarget(context: IHookFunctions): Promise<WabaTarget> {
  const authentication = toAuthentication(context.getNode(), context.getNodeParameter('authentication', 'cloudApi'));
  const credentialType = AUTHENTICATIONS[authentication].credential;
  const credentials = await context.getCredentials(credentialType);
  const wabaId = text(credentials.businessAccountId);
  const maton = authentication === 'matonApi';
  if (wabaId === '') {
    throw new NodeOperationError(context.getNode(), `The ${maton ? 'Maton API' : 'Cloud API'} credential has no WhatsApp Business Account ID`, {
      description: 'Automatic setup subscribes that account to the app; fill it in the credential.',
    });
  }
  // Through Maton the WABA's own edge is reached on the gateway, with the connection's Meta token.
  const base = maton ? `${withoutTrailingSlashes(text(credentials.gatewayUrl) || DEFAULT_MATON_GATEWAY_URL)}/whatsapp-business/${text(credentials.apiVersion) || 'v23.0'}` : graphBase(credentials.baseUrl, credentials.apiVersion);
  const url = `${base}/${encodeURIComponent(wabaId)}/subscribed_apps`;
  return { credentialType, url, wabaId };
}

/** Whether the WABA is subscribed to the app; subscribes it when not. Returns true when this call subscribed it. */
export async function ensureWabaSubscribed(context: IHookFunctions, appId: string): Promise<{ wabaId: string; subscribedNow: boolean }> {
  const target = await wabaTarget(context);
  if (await isWabaSubscribed(context, appId, target)) return { wabaId: target.wabaId, subscribedNow: false };
  await expectOk(
    context,
    `Subscribing WhatsApp Business Account ${target.wabaId} to the app`,
    graph(context, target.credentialType, 'POST', target.url),
  );
  return { wabaId: target.wabaId, subscribedNow: true };
}

export async function isWabaSubscribed(context: IHookFunctions, appId: string, known?: WabaTarget): Promise<boolean> {
  const target = known ?? (await wabaTarget(context));
  const answer = await expectOk(
    context,
    `Reading the apps subscribed to WhatsApp Business Account ${target.wabaId}`,
    graph(context, target.credentialType, 'GET', target.url),
  );
  const data = asObject(answer.body)?.data;
  return (Array.isArray(data) ? data : []).some((entry) => {
    const app = asObject(asObject(entry)?.whatsapp_business_api_data);
    return app !== null && String(app.id) === appId;
  });
}

export async function unsubscribeWaba(context: IHookFunctions): Promise<void> {
  const target = await wabaTarget(context);
  await expectOk(
    context,
    `Unsubscribing WhatsApp Business Account ${target.wabaId} from the app`,
    graph(context, target.credentialType, 'DELETE', target.url),
    true,
  );
}

/** Meta only calls https callbacks; the sandbox and proxies may accept http. */
export function assertReachableByMeta(node: INode, credentials: WebhookCredentials, webhookUrl: string): void {
  const graphHost = new URL(credentials.graphBase).hostname;
  const isMeta = graphHost === 'graph.facebook.com' || graphHost.endsWith('.facebook.com');
  if (isMeta && !webhookUrl.toLowerCase().startsWith('https://')) {
    throw new NodeOperationError(node, `Meta only sends webhooks to https URLs, and this workflow's URL is ${webhookUrl}`, {
      description:
        'Serve n8n over HTTPS with a public address (set WEBHOOK_URL to it, or use a tunnel), then activate again. Meta refuses http callbacks as "Invalid parameter".',
    });
  }
}

/** What the node remembers between activation and deactivation. */
export function clearSetup(staticData: IDataObject): void {
  for (const key of ['setupMode', 'callbackUrl', 'appId', 'wabaId', 'subscribedWaba']) delete staticData[key];
}
