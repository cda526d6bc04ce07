import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject } from 'whatsapp-business-core';
import { presentedToken } from '../graph/auth';
import { GraphError, invalidParameter, invalidToken, unknownObject } from '../graph/graph-error';
import type { GraphMethod, GraphRequest, GraphResult } from '../graph/graph-request';
import { redactUrl } from '../http/redact-url';
import type { SandboxContext } from '../runtime/context';
import { verifyCallback } from '../webhooks/handshake';

export const SANDBOX_APP_NAME = 'WhatsApp Sandbox App';

/** The WhatsApp Business Account webhook fields Meta lets an app subscribe to. */
const WABA_FIELDS = new Set([
  'account_alerts',
  'account_review_update',
  'account_update',
  'business_capability_update',
  'business_status_update',
  'flows',
  'history',
  'message_echoes',
  'message_template_components_update',
  'message_template_quality_update',
  'message_template_status_update',
  'messages',
  'phone_number_name_update',
  'phone_number_quality_update',
  'security',
  'smb_app_state_sync',
  'smb_message_echoes',
  'template_category_update',
  'user_preferences',
]);

const WABA_OBJECT = 'whatsapp_business_account';
const DEFAULT_FIELD_VERSION = 'v23.0';

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's answer when a user or system-user token calls an app-only edge. */
function appTokenRequired(): GraphError {
  return new GraphError(15, 'This method must be called with an app access_token', {
    message: '(#15) This method must be called with an app access_token.',
    withErrorData: false,
  });
}

/**
 * Which token the request carries: the app access token `<app-id>|<app-secret>` (as a query
 * `access_token` or a bearer), the sandbox's user token, or neither (HTTP 401, code 190). There is
 * no app token without an app secret.
 */
export function authenticateAppRequest(ctx: SandboxContext, headers: IncomingHttpHeaders, query: URLSearchParams): 'app' | 'user' {
  const presented = presentedToken(headers, query);
  if (presented === null) throw invalidToken();
  const secret = ctx.config.appSecret;
  if (secret !== null && same(presented, `${ctx.config.appId}|${secret}`)) return 'app';
  if (same(presented, ctx.config.token)) return 'user';
  throw invalidToken();
}

/** Graph takes parameters from the query string, a JSON body or a form-encoded body alike. */
function params(request: GraphRequest): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of request.query) if (key !== 'access_token') out.set(key, value);
  const text = request.body.toString('utf8').trim();
  if (text === '') return out;
  if ((request.contentType ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text)) if (key !== 'access_token') out.set(key, value);
    return out;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter('request body: not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter('request body: must be a JSON object');
  for (const [key, value] of Object.entries(parsed)) if (key !== 'access_token') out.set(key, value);
  return out;
}

function requiredString(values: Map<string, unknown>, name: string): string {
  const value = values.get(name);
  if (value === undefined || value === null || value === '') {
    throw new GraphError(100, `${name}: required`, { message: `(#100) The parameter ${name} is required` });
  }
  if (typeof value !== 'string') throw invalidParameter(`${name}: must be a string`);
  return value;
}

/** `fields` as a JSON array, a JSON-encoded array or a comma-separated list. */
function fieldList(value: unknown, name = 'fields'): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        throw invalidParameter(`${name}: not a valid JSON array`);
      }
    } else {
      list = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
    }
  }
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string')) {
    throw invalidParameter(`${name}: must list at least one field name`);
  }
  const names = list as string[];
  for (const field of names) {
    if (!WABA_FIELDS.has(field)) throw invalidParameter(`${name}: '${field}' is not a ${WABA_OBJECT} field`);
  }
  return names;
}

function checkObject(values: Map<string, unknown>, required: boolean): boolean {
  const object = values.get('object');
  if (object === undefined && !required) return true;
  if (object === undefined) requiredString(values, 'object');
  if (object !== WABA_OBJECT) {
    // The sandbox simulates WhatsApp only; other objects (page, user, instagram) are not kept.
    if (!required) return false;
    throw invalidParameter(`object: only '${WABA_OBJECT}' is simulated (got '${String(object)}')`);
  }
  return true;
}

function listSubscriptions(ctx: SandboxContext): GraphResult {
  const app = ctx.state.appSubscription;
  const data: JsonObject[] = [];
  if (app !== null) {
    data.push({
      object: WABA_OBJECT,
      callback_url: app.callbackUrl,
      active: true,
      fields: [...app.fields].map(([name, version]) => ({ name, version })),
    });
  }
  return { body: { data } };
}

/**
 * Sets the app's callback URL, verify token and fields, as the App Dashboard or
 * `POST /{app-id}/subscriptions` does: Meta first runs the verification GET against the callback
 * and refuses the subscription (code 2200) when it fails. Fields add to those already subscribed.
 */
async function subscribe(ctx: SandboxContext, request: GraphRequest): Promise<GraphResult> {
  const values = params(request);
  checkObject(values, true);
  const callbackUrl = requiredString(values, 'callback_url');
  let parsed: URL;
  try {
    parsed = new URL(callbackUrl);
  } catch {
    throw invalidParameter('callback_url: must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidParameter('callback_url: must be an http or https URL');
  const verifyToken = requiredString(values, 'verify_token');
  const fields = fieldList(values.get('fields') ?? '');
  const handshake = await verifyCallback(callbackUrl, verifyToken, AbortSignal.timeout(15_000));
  if (!handshake.ok) {
    throw new GraphError(2200, `callback_url: verification failed (${handshake.reason})`, {
      message: `(#2200) Callback verification failed with the following errors: ${handshake.reason}`,
      withErrorData: false,
    });
  }
  const version = request.version ?? DEFAULT_FIELD_VERSION;
  const previous = ctx.state.appSubscription;
  const merged = new Map(previous?.fields ?? []);
  for (const field of fields) merged.set(field, version);
  ctx.state.appSubscription = { callbackUrl, verifyToken, fields: merged };
  ctx.webhooks.markVerified(callbackUrl);
  ctx.config.log(`app subscription: webhooks for ${[...merged.keys()].join(', ')} go to ${redactUrl(callbackUrl)}`);
  return { body: { success: true } };
}

/** Without `fields` the whole subscription goes; with them, only those fields. */
function unsubscribe(ctx: SandboxContext, request: GraphRequest): GraphResult {
  const values = params(request);
  if (!checkObject(values, false)) return { body: { success: true } };
  const app = ctx.state.appSubscription;
  const fields = values.get('fields');
  if (app !== null && fields !== undefined && fields !== '') {
    for (const field of fieldList(fields)) app.fields.delete(field);
    if (app.fields.size > 0) return { body: { success: true } };
  }
  ctx.state.appSubscription = null;
  if (app !== null) ctx.config.log('app subscription removed');
  return { body: { success: true } };
}

/** `/{app-id}` and `/{app-id}/subscriptions`; the subscriptions edge takes only the app token. */
export async function routeApp(ctx: SandboxContext, request: GraphRequest, headers: IncomingHttpHeaders): Promise<GraphResult> {
  const kind = authenticateAppRequest(ctx, headers, request.query);
  const method: GraphMethod = request.method;
  if (request.edge === null && method === 'GET') {
    return { body: { id: ctx.config.appId, name: SANDBOX_APP_NAME } };
  }
  if (request.edge === 'subscriptions') {
    if (kind !== 'app') throw appTokenRequired();
    if (method === 'GET') return listSubscriptions(ctx);
    if (method === 'POST') return subscribe(ctx, request);
    return unsubscribe(ctx, request);
  }
  throw unknownObject(method, request.objectId);
}
