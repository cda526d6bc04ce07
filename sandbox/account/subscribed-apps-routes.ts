import { SANDBOX_APP_NAME } from './app-routes';
import { invalidParameter } from '../graph/graph-error';
import { jsonBody, type GraphHandler } from '../graph/graph-request';
import type { JsonObject } from 'whatsapp-business-core';
import { redactUrl } from '../http/redact-url';
import type { SandboxContext } from '../runtime/context';
import { verifyCallback } from '../webhooks/handshake';

function subscriptionData(ctx: SandboxContext): JsonObject[] {
  const subscription = ctx.state.subscription;
  if (subscription === null) return [];
  // The app the sandbox pretends the token belongs to.
  const appId = ctx.config.appId;
  const entry: JsonObject = {
    whatsapp_business_api_data: { id: appId, name: SANDBOX_APP_NAME, link: `https://www.facebook.com/games/?app_id=${appId}` },
  };
  if (subscription.overrideCallbackUri !== null) entry.override_callback_uri = subscription.overrideCallbackUri;
  return [entry];
}

export const listSubscribedAppsRoute: GraphHandler = (ctx) => ({ body: { data: subscriptionData(ctx) } });

/**
 * Subscribes the app. With override_callback_uri + verify_token the sandbox first runs Meta's
 * verification GET against that URL and, once it passes, delivers webhooks there instead.
 */
export const subscribeAppRoute: GraphHandler = async (ctx, request) => {
  const body = jsonBody(request);
  body.object(['override_callback_uri', 'verify_token']);
  const uriField = body.child('override_callback_uri');
  if (!uriField.isPresent) {
    if (body.child('verify_token').isPresent) body.child('verify_token').unsupported('only used together with override_callback_uri');
    ctx.state.subscription = ctx.state.subscription ?? { overrideCallbackUri: null, overrideVerifyToken: null };
    return { body: { success: true } };
  }
  const uri = uriField.httpUrl();
  const verifyToken = body.child('verify_token').string({ min: 1 });
  const handshake = await verifyCallback(uri, verifyToken, AbortSignal.timeout(15_000));
  if (!handshake.ok) {
    throw invalidParameter(`override_callback_uri: callback verification failed (${handshake.reason})`);
  }
  ctx.state.subscription = { overrideCallbackUri: uri, overrideVerifyToken: verifyToken };
  ctx.webhooks.markVerified(uri);
  ctx.config.log(`webhooks now go to the override callback ${redactUrl(uri)}`);
  return { body: { success: true } };
};

export const unsubscribeAppRoute: GraphHandler = (ctx) => {
  ctx.state.subscription = null;
  return { body: { success: true } };
};
