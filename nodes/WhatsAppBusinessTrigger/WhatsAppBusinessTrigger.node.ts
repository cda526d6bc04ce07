/**
 * WhatsApp Business Trigger: starts a workflow for each WhatsApp event Meta, an On-Premises
 * client or ITNIO sends.
 *
 * Webhooks: GET `setup` (Meta's verification handshake) and POST `default` on the same path
 * `webhook`, so the production URL is `<n8n>/webhook/<webhookId>/webhook`.
 *
 * Credentials, by `authentication` (the source):
 * - 'cloudApi' / 'matonApi' (Meta's signed webhooks): `whatsAppWebhookApi` (App ID, App Secret,
 *   Verify Token, API Version, Base URL) and `whatsAppCloudApi` / `matonApi` (used by Automatic
 *   setup to subscribe the WABA, through the Maton gateway for Maton, and to download media).
 * - 'onPremisesApi': `whatsAppOnPremisesApi` only (its Webhook Secret protects the URL; Automatic
 *   setup and media downloads use the client's API).
 * - 'itnioApi': `itnioApi` only (its Webhook Secret protects the URL).
 *
 * Parameters (name: values, default):
 * - `authentication`: 'cloudApi' | 'matonApi' | 'onPremisesApi' | 'itnioApi', 'cloudApi'
 * - `setupMode` (Meta and On-Premises): 'automatic' | 'manual'; 'automatic' for Meta, 'manual' for On-Premises
 *   - Meta automatic: activation runs GET/POST `/{app-id}/subscriptions` (app token app-id|app-secret;
 *     callback_url = this URL, verify_token derived from the app secret, workflow and node) and
 *     GET/POST `/{waba-id}/subscribed_apps` (Cloud or Maton credential); deactivation deletes what
 *     it made. Fails when another URL owns the app's subscription, or for an http URL with Meta's host.
 *   - Meta manual: nothing is registered; the handshake answers with the credential's Verify Token.
 *   - On-Premises automatic: activation sets the client's webhook URL (core's account.updateSettings,
 *     PATCH /v1/settings/application) to this URL plus ?token=<Webhook Secret>, https only, and
 *     remembers the previous URL; deactivation puts the previous URL back (a URL cannot be cleared
 *     without resetting every setting, so without a previous one it stays).
 *   - On-Premises manual, ITNIO (always manual): nothing is registered.
 * - `events`: multiOptions of 'messages' | 'statuses' | 'templateStatus' | 'accountUpdates' |
 *   'errors' | 'other', ['messages']
 * - `statusValues`: multiOptions of 'sent' | 'delivered' | 'read' | 'failed' | 'played' |
 *   'deleted', [] (= all); shown with events 'statuses'
 * - `messageTypes`: multiOptions of text, image, audio, video, document, sticker, location,
 *   contacts, interactive, button, reaction, order, system, request_welcome, unsupported, [] (= all)
 * - `phoneNumberIds`: comma-separated string, '' (= all; On-Premises events carry none)
 * - `options.downloadMedia`: boolean, false; `options.binaryPropertyName`: string, 'data';
 *   `options.dedupeWindowMinutes`: number, 1440 (0 = no de-duplication)
 *
 * Output: one item per event of core's normalizeWebhook (json = the event: kind, dedupeKey,
 * phoneNumberId, from, messageId, type, text, media, status, errors[] {code, title, message,
 * details, href, hint}, ...; plus `mediaError` when a download failed; typeVersion 1 items have no
 * `hint` in their errors), binary[binaryPropertyName] for downloaded media. Meta: a POST without a valid
 * X-Hub-Signature-256 gets 401 and starts nothing. On-Premises and ITNIO: with a Webhook Secret in
 * the credential, a POST without it (?token= or HTTP Basic password) gets 401 and starts nothing;
 * the flat On-Premises payload is normalized like Meta's; an ITNIO body that is not Meta-shaped
 * becomes one item `{kind: 'raw', body}` (core's normalizePassThroughWebhook), whatever the
 * filters. A request with nothing left after the filters gets 200 and starts nothing.
 */
import type {
  IDataObject,
  IHookFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { handleVerificationChallenge, normalizePassThroughWebhook, normalizeWebhook, operations, verifyWebhookSignature } from '../shared/core';
import type { Provider, WebhookEvent } from '../shared/core';
import { AUTHENTICATIONS, providerFor, toAuthentication } from '../shared/provider';
import { redactorFor } from '../shared/secrets';
import { triggerProperties } from './description';
import { claimFreshEvents, ledgerKey } from './emitted-ledger';
import { filterEvents, splitList, subscriptionFields, toItemJson } from './events';
import { onPremCallbackUrl, onPremWebhookUrl, registerOnPremWebhook, restoreOnPremWebhook } from './onprem-setup';
import { carriesSharedSecret } from './shared-secret';
import { sourceOf, triggerAuthentication } from './source';
import type { WebhookSource } from './source';
import {
  assertReachableByMeta,
  automaticVerifyToken,
  clearSetup,
  createAppSubscription,
  deleteAppSubscription,
  ensureWabaSubscribed,
  isWabaSubscribed,
  readAppSubscription,
  unsubscribeWaba,
  webhookCredentials,
} from './subscription';

/** The parts of express's response the node uses. */
interface TextResponse {
  status(code: number): TextResponse;
  type(contentType: string): TextResponse;
  send(body: string): unknown;
}

type QueryValue = string | string[] | Record<string, unknown>;

function toQuery(query: object): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((item): item is string => typeof item === 'string');
    else if (typeof value === 'object' && value !== null) out[key] = { ...value };
  }
  return out;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function toOptions(value: unknown): IDataObject {
  const options: IDataObject = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return options;
  for (const [key, option] of Object.entries(value)) options[key] = option;
  return options;
}

function reply(context: IWebhookFunctions, status: number, body: string): IWebhookResponseData {
  const response: TextResponse = context.getResponseObject();
  response.status(status).type('text/plain').send(body);
  return { noWebhookResponse: true };
}

function setupMode(context: IHookFunctions | IWebhookFunctions): 'automatic' | 'manual' {
  return context.getNodeParameter('setupMode', 'automatic') === 'manual' ? 'manual' : 'automatic';
}

function webhookUrl(context: IHookFunctions): string {
  const url = context.getNodeWebhookUrl('default');
  if (url === undefined || url === '') throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for this node');
  return url;
}

/** GET: Meta's handshake, answered with the verify token of the node's setup mode. */
async function answerHandshake(context: IWebhookFunctions): Promise<IWebhookResponseData> {
  const credentials = await webhookCredentials(context);
  const verifyToken =
    setupMode(context) === 'manual'
      ? credentials.verifyToken
      : automaticVerifyToken(credentials.appSecret, context.getWorkflow().id, context.getNode().id);
  if (verifyToken === '') return reply(context, 403, 'No verify token is set in the WhatsApp Webhook credential');
  const answer = handleVerificationChallenge(toQuery(context.getQueryData()), verifyToken);
  return reply(context, answer.status, answer.body);
}

/** Downloads an inbound message's media into the item; a failure is reported on the item, not thrown. */
async function attachMedia(context: IWebhookFunctions, item: INodeExecutionData, event: WebhookEvent, property: string): Promise<void> {
  const mediaId = event.media?.id;
  if (event.kind !== 'message' || mediaId === null || mediaId === undefined) return;
  const authentication = toAuthentication(context.getNode(), context.getNodeParameter('authentication', 'cloudApi'));
  let provider: Provider | undefined;
  try {
    provider = await providerFor(context, authentication);
    const media = await operations['media.download'].run(provider, { mediaId, phoneNumberId: event.phoneNumberId ?? undefined });
    const binary = await context.helpers.prepareBinaryData(Buffer.from(media.data), event.media?.filename ?? undefined, media.mimeType);
    item.binary = { [property]: binary };
  } catch (error) {
    // The message must not be lost (and Meta must not redeliver it) because its media failed. The
    // item is stored with the execution: no secret of the credential may be in it.
    const redact = await redactorFor(context, [AUTHENTICATIONS[authentication].credential]);
    item.json.mediaError = redact(error instanceof Error ? error.message : String(error));
  } finally {
    await provider?.close();
  }
}

/** The node's filters and de-duplication, then one item per event (with media when asked for). */
async function emitEvents(context: IWebhookFunctions, normalized: WebhookEvent[]): Promise<IWebhookResponseData> {
  const options = toOptions(context.getNodeParameter('options', {}));
  const filtered = filterEvents(normalized, {
    events: stringList(context.getNodeParameter('events', [])),
    statusValues: stringList(context.getNodeParameter('statusValues', [])),
    messageTypes: stringList(context.getNodeParameter('messageTypes', [])),
    phoneNumberIds: splitList(String(context.getNodeParameter('phoneNumberIds', ''))),
  });
  const window = typeof options.dedupeWindowMinutes === 'number' ? options.dedupeWindowMinutes : 1440;
  // This process's record decides (static data, read before this call, can be stale under concurrency).
  const key = ledgerKey(context.getWorkflow().id, context.getNode().id);
  const events = claimFreshEvents(key, filtered, context.getWorkflowStaticData('node'), window, Date.now());
  if (events.length === 0) return {};

  const download = options.downloadMedia === true;
  const property = typeof options.binaryPropertyName === 'string' && options.binaryPropertyName.trim() !== '' ? options.binaryPropertyName.trim() : 'data';
  const items: INodeExecutionData[] = [];
  for (const event of events) {
    const item: INodeExecutionData = { json: toItemJson(event, context.getNode().typeVersion) };
    if (download) await attachMedia(context, item, event, property);
    items.push(item);
  }
  return { workflowData: [items] };
}

/** The Webhook Secret of the source's credential ('' when none is set). */
async function sharedSecret(context: IHookFunctions | IWebhookFunctions): Promise<string> {
  const credentials = await context.getCredentials(AUTHENTICATIONS[triggerAuthentication(context)].credential);
  return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
}

/**
 * On-Premises and ITNIO: no signature to check, so the credential's shared secret (when set) must
 * come with the request. The flat On-Premises payload is normalized like Meta's; an ITNIO body
 * that is not Meta-shaped is passed on whole as one item.
 */
async function unsignedWebhook(context: IWebhookFunctions, source: WebhookSource): Promise<IWebhookResponseData> {
  if (context.getWebhookName() === 'setup') return reply(context, 200, 'This URL takes POST requests');
  if (!carriesSharedSecret(await sharedSecret(context), toOptions(context.getQueryData()), toOptions(context.getHeaderData()))) {
    return reply(context, 401, 'Missing or wrong webhook secret');
  }
  const request: { rawBody?: unknown } = context.getRequestObject();
  const body = request.rawBody instanceof Uint8Array || typeof request.rawBody === 'string' ? request.rawBody : context.getBodyData();
  if (source === 'itnio') {
    const passed = normalizePassThroughWebhook(body);
    // Whatever ITNIO posts that is not Meta-shaped is one item, never filtered (even a JSON null).
    if (passed.events.length === 0) return { workflowData: [[{ json: { kind: 'raw', body: passed.raw as IDataObject } }]] };
    return emitEvents(context, passed.events);
  }
  return emitEvents(context, normalizeWebhook(body));
}

/** On-Premises only: Automatic (sets the client's webhook URL) or Manual; ITNIO is always manual. */
function unsignedSetupMode(context: IHookFunctions): 'automatic' | 'manual' {
  if (sourceOf(triggerAuthentication(context)) !== 'onprem') return 'manual';
  return context.getNodeParameter('setupMode', 'manual') === 'automatic' ? 'automatic' : 'manual';
}

async function unsignedSetupExists(context: IHookFunctions, staticData: IDataObject): Promise<boolean> {
  if (unsignedSetupMode(context) === 'manual') return staticData.setupMode === 'manual';
  const callbackUrl = await onPremCallbackUrl(context, webhookUrl(context));
  return staticData.setupMode === 'automatic' && (await onPremWebhookUrl(context)) === callbackUrl;
}

async function createUnsignedSetup(context: IHookFunctions, staticData: IDataObject): Promise<boolean> {
  const url = webhookUrl(context);
  clearSetup(staticData);
  if (unsignedSetupMode(context) === 'automatic') {
    await registerOnPremWebhook(context, staticData, await onPremCallbackUrl(context, url), url);
    staticData.setupMode = 'automatic';
  } else {
    staticData.setupMode = 'manual';
  }
  // Without the secret: static data is stored in the workflow.
  staticData.callbackUrl = url;
  return true;
}

async function deleteUnsignedSetup(context: IHookFunctions, staticData: IDataObject): Promise<boolean> {
  if (staticData.setupMode === 'automatic' && sourceOf(triggerAuthentication(context)) === 'onprem') {
    await restoreOnPremWebhook(context, staticData, webhookUrl(context));
  }
  clearSetup(staticData);
  delete staticData.previousWebhookUrl;
  return true;
}

export class WhatsAppBusinessTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'WhatsApp Business Trigger',
    name: 'whatsAppBusinessTrigger',
    icon: { light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' },
    group: ['trigger'],
    // 2: each error detail of an item carries core's hint (`errors[].hint`); 1: items as before.
    version: [1, 2],
    defaultVersion: 2,
    subtitle: '={{$parameter["events"].join(", ")}}',
    description: 'Starts the workflow on WhatsApp messages, message statuses, template and account updates (Meta, On-Premises or ITNIO webhooks)',
    defaults: { name: 'WhatsApp Business Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    // Written out (not built from AUTHENTICATIONS: n8n's linter crashes on a spread here); keep in
    // step with AUTHENTICATIONS and META_AUTHENTICATIONS.
    // Each with its own label: Meta's sources need two credentials, and n8n labels every one
    // "Credential to connect with" unless told otherwise.
    credentials: [
      {
        name: 'whatsAppWebhookApi',
        displayName: "Webhook Credential (checks Meta's signature)",
        required: true,
        displayOptions: { show: { authentication: ['cloudApi', 'matonApi'] } },
      },
      {
        name: 'whatsAppCloudApi',
        displayName: 'Cloud API Credential (automatic setup, media downloads)',
        required: true,
        displayOptions: { show: { authentication: ['cloudApi'] } },
      },
      { name: 'matonApi', displayName: 'Maton Credential (automatic setup, media downloads)', required: true, displayOptions: { show: { authentication: ['matonApi'] } } },
      {
        name: 'whatsAppOnPremisesApi',
        displayName: 'On-Premises Credential (webhook secret, setup, media downloads)',
        required: true,
        displayOptions: { show: { authentication: ['onPremisesApi'] } },
      },
      { name: 'itnioApi', displayName: 'ITNIO Credential (webhook secret)', required: true, displayOptions: { show: { authentication: ['itnioApi'] } } },
    ],
    webhooks: [
      { name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
      { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
    ],
    properties: triggerProperties,
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const staticData = this.getWorkflowStaticData('node');
        if (sourceOf(triggerAuthentication(this)) !== 'meta') return unsignedSetupExists(this, staticData);
        if (setupMode(this) === 'manual') return staticData.setupMode === 'manual';
        const credentials = await webhookCredentials(this);
        const url = webhookUrl(this);
        if (credentials.appId === '') {
          throw new NodeOperationError(this.getNode(), 'Automatic setup needs the App ID in the WhatsApp Webhook credential');
        }
        const current = await readAppSubscription(this, credentials);
        if (current === null) return false;
        if (current.callbackUrl !== url) {
          throw new NodeOperationError(
            this.getNode(),
            `The Meta app ${credentials.appId} already sends its WhatsApp webhooks to another URL: ${current.callbackUrl}`,
            {
              description:
                'A Meta app has a single WhatsApp webhook URL. Deactivate the workflow that owns it (or remove it in the App Dashboard under WhatsApp > Configuration), or set this trigger\'s Setup Mode to "Manual" and share the app by filtering on phone number IDs.',
            },
          );
        }
        const wanted = subscriptionFields(stringList(this.getNodeParameter('events', [])));
        if (!current.active || wanted.some((field) => !current.fields.includes(field))) return false;
        return isWabaSubscribed(this, credentials.appId);
      },

      async create(this: IHookFunctions): Promise<boolean> {
        const staticData = this.getWorkflowStaticData('node');
        if (sourceOf(triggerAuthentication(this)) !== 'meta') return createUnsignedSetup(this, staticData);
        const credentials = await webhookCredentials(this);
        const url = webhookUrl(this);
        clearSetup(staticData);
        if (setupMode(this) === 'manual') {
          if (credentials.verifyToken === '') {
            throw new NodeOperationError(this.getNode(), 'Manual setup needs a Verify Token in the WhatsApp Webhook credential', {
              description: 'Choose any string, put it in the credential and paste the same string into the App Dashboard.',
            });
          }
          staticData.setupMode = 'manual';
          staticData.callbackUrl = url;
          return true;
        }
        if (credentials.appId === '') {
          throw new NodeOperationError(this.getNode(), 'Automatic setup needs the App ID in the WhatsApp Webhook credential');
        }
        assertReachableByMeta(this.getNode(), credentials, url);
        const fields = subscriptionFields(stringList(this.getNodeParameter('events', [])));
        if (fields.length === 0) {
          throw new NodeOperationError(this.getNode(), 'Choose at least one event Meta sends (messages, statuses, template or account updates)');
        }
        const verifyToken = automaticVerifyToken(credentials.appSecret, this.getWorkflow().id, this.getNode().id);
        await createAppSubscription(this, credentials, url, verifyToken, fields);
        staticData.setupMode = 'automatic';
        staticData.callbackUrl = url;
        staticData.appId = credentials.appId;
        const waba = await ensureWabaSubscribed(this, credentials.appId);
        staticData.wabaId = waba.wabaId;
        staticData.subscribedWaba = waba.subscribedNow;
        return true;
      },

      async delete(this: IHookFunctions): Promise<boolean> {
        const staticData = this.getWorkflowStaticData('node');
        if (sourceOf(triggerAuthentication(this)) !== 'meta') return deleteUnsignedSetup(this, staticData);
        if (setupMode(this) === 'manual' && staticData.setupMode !== 'automatic') {
          clearSetup(staticData);
          return true;
        }
        const credentials = await webhookCredentials(this);
        const url = webhookUrl(this);
        if (credentials.appId !== '') {
          // Only the subscription that points here is ours to remove.
          const current = await readAppSubscription(this, credentials);
          if (current !== null && current.callbackUrl === url) await deleteAppSubscription(this, credentials);
        }
        // The WABA may have been subscribed before (another tool, a manual setup); then it stays.
        if (staticData.subscribedWaba === true) await unsubscribeWaba(this);
        clearSetup(staticData);
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const source = sourceOf(triggerAuthentication(this));
    if (source !== 'meta') return unsignedWebhook(this, source);
    if (this.getWebhookName() === 'setup') return answerHandshake(this);

    const credentials = await webhookCredentials(this);
    const request: { rawBody?: unknown } = this.getRequestObject();
    const rawBody = request.rawBody;
    if (!(rawBody instanceof Uint8Array) && typeof rawBody !== 'string') {
      return reply(this, 400, 'The raw request body is not available, so the signature cannot be checked');
    }
    if (!verifyWebhookSignature(rawBody, this.getHeaderData()['x-hub-signature-256'], credentials.appSecret)) {
      return reply(this, 401, 'Invalid or missing X-Hub-Signature-256');
    }
    return emitEvents(this, normalizeWebhook(rawBody));
  }
}
