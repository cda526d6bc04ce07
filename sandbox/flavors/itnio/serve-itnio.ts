import { withoutTrailingSlashes, type JsonObject } from 'whatsapp-business-core';
import { BodyTooLargeError, discardBody, readBody } from '../../http/read-body';
import { writeJson } from '../../http/respond';
import { GraphError } from '../../graph/graph-error';
import type { SandboxContext } from '../../runtime/context';
import type { FlavorHandler } from '../flavor-handlers';
import { ItnioRefusal, refuse, successBody, WRONG_PARAMETER_TYPE } from './itnio-answer';
import { checkItnioSignature } from './itnio-auth';
import { customMessageToCloud } from './itnio-custom-message';
import { checkAppId, checkBusinessPhone, checkChannelType, parseItnioBody, recipientDigits } from './itnio-envelope';
import { sendThroughCloudRules, asItnioRefusal } from './itnio-send';
import { addTemplate } from './itnio-template-add';
import { templateMessageToCloud } from './itnio-template-message';

/** ITNIO's JSON bodies are small; this only guards memory. */
const BODY_LIMIT = 1024 * 1024;

type Route = (ctx: SandboxContext, body: JsonObject) => Promise<JsonObject>;

/** The envelope checks every send shares, in ITNIO's order; returns the recipient's digits. */
function checkSendEnvelope(ctx: SandboxContext, body: JsonObject): string {
  checkAppId(body, ctx.config);
  checkBusinessPhone(body, ctx.config);
  const recipient = recipientDigits(body);
  checkChannelType(body);
  return recipient;
}

const ROUTES: Readonly<Record<string, Route>> = {
  '/wa/custom/sendMsg': async (ctx, body) => {
    const recipient = checkSendEnvelope(ctx, body);
    return successBody(sendThroughCloudRules(ctx, body, customMessageToCloud(body, recipient)));
  },
  '/wa/template/sendMsg': async (ctx, body) => {
    const recipient = checkSendEnvelope(ctx, body);
    return successBody(sendThroughCloudRules(ctx, body, templateMessageToCloud(body, recipient)));
  },
  '/wa/template/add': async (ctx, body) => {
    checkAppId(body, ctx.config);
    checkChannelType(body);
    await addTemplate(ctx, body);
    return successBody();
  },
};

/**
 * The ITNIO flavor: ITNIO's three documented WhatsApp endpoints, signed with Api-Key / Timestamp /
 * Sign. Every ITNIO answer is HTTP 200 with `{status, reason[, data]}`; only paths and methods
 * ITNIO does not serve get HTTP errors.
 */
export const serveItnio: FlavorHandler = async (ctx, request, response, url) => {
  const path = withoutTrailingSlashes(url.pathname);
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (route === undefined) {
    writeJson(response, 404, { status: '404', reason: `Not Found: ${url.pathname} (the ITNIO sandbox serves POST ${Object.keys(ROUTES).join(', ')})` });
    return;
  }
  if (request.method !== 'POST') {
    writeJson(response, 405, { status: '405', reason: `Method Not Allowed: ${url.pathname} takes POST` });
    return;
  }
  try {
    // The signature covers headers only, so it is checked before a byte of the body is read.
    checkItnioSignature(request.headers, ctx.config, ctx.now());
    const raw = await readBody(request, BODY_LIMIT, ctx.bodies).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return null;
      throw error;
    });
    if (raw === null) refuse(WRONG_PARAMETER_TYPE, `request body: larger than ${BODY_LIMIT} bytes`);
    writeJson(response, 200, await route(ctx, parseItnioBody(raw)));
  } catch (error) {
    const refusal = error instanceof GraphError ? asItnioRefusal(error) : error;
    if (!(refusal instanceof ItnioRefusal)) throw error;
    if (!request.complete) discardBody(request);
    writeJson(response, 200, refusal.toBody());
  }
};
