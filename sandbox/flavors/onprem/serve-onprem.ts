import type { IncomingMessage } from 'node:http';
import { withoutTrailingSlashes, type JsonObject } from 'whatsapp-business-core';
import { GraphError } from '../../graph/graph-error';
import { BodyTooLargeError, discardBody, readBody } from '../../http/read-body';
import { writeBytes, writeJson } from '../../http/respond';
import { MEDIA_BODY_LIMIT } from '../../media/upload-route';
import type { SandboxContext } from '../../runtime/context';
import type { FlavorHandler } from '../flavor-handlers';
import { checkContacts, health, requestCode, verifyCode, type OnPremAnswer } from './onprem-account';
import { authenticate, logIn, logOut } from './onprem-auth';
import { fromGraphError, ONPREM_META, OnPremError } from './onprem-error';
import { deleteOnPremMedia, onPremMedia, uploadOnPremMedia } from './onprem-media';
import { markOnPremRead, sendOnPremMessage } from './onprem-messages';
import { getOnPremAbout, getOnPremBusinessProfile, setOnPremAbout, setOnPremBusinessProfile } from './onprem-profile';
import { getApplicationSettings, patchApplicationSettings, resetApplicationSettings } from './onprem-settings';
import { onPremState } from './onprem-state';

const JSON_BODY_LIMIT = 16 * 1024 * 1024;

type Answer = OnPremAnswer | { bytes: Buffer; contentType: string };

interface Call {
  ctx: SandboxContext;
  request: IncomingMessage;
  body: Buffer;
  /** The id in /messages/{id} or /media/{id}. */
  id: string;
}

type Route = (call: Call) => Answer;

const ok = (body: JsonObject, status = 200): Answer => ({ status, body });

/** Routes after /v1 that need the core app to be up; `{id}` stands for one path segment. */
const ROUTES: Readonly<Record<string, Route>> = {
  'POST /messages': ({ ctx, body }) => ok(sendOnPremMessage(ctx, body)),
  'PUT /messages/{id}': ({ ctx, id, body }) => ok(markOnPremRead(ctx, id, body)),
  'POST /media': ({ ctx, request, body }) => ok(uploadOnPremMedia(ctx, request.headers['content-type'], body)),
  'GET /media/{id}': ({ ctx, id }) => {
    const media = onPremMedia(ctx, id);
    return { bytes: media.bytes, contentType: media.mimeType };
  },
  'DELETE /media/{id}': ({ ctx, id }) => ok(deleteOnPremMedia(ctx, id)),
  'GET /settings/application': ({ ctx }) => ok(getApplicationSettings(ctx)),
  'PATCH /settings/application': ({ ctx, body }) => ok(patchApplicationSettings(ctx, body)),
  'DELETE /settings/application': ({ ctx }) => ok(resetApplicationSettings(ctx)),
  'GET /settings/business/profile': ({ ctx }) => ok(getOnPremBusinessProfile(ctx)),
  'POST /settings/business/profile': ({ ctx, body }) => ok(setOnPremBusinessProfile(ctx, body)),
  'GET /settings/profile/about': ({ ctx }) => ok(getOnPremAbout(ctx)),
  'PATCH /settings/profile/about': ({ ctx, body }) => ok(setOnPremAbout(ctx, body)),
  'POST /account': ({ ctx, body }) => requestCode(ctx, body),
  'POST /account/verify': ({ ctx, body }) => verifyCode(ctx, body),
  'POST /contacts': ({ ctx, body }) => ok(checkContacts(ctx, body)),
};

/** `/media/5f0c...` -> `/media/{id}` and the id; other paths unchanged. */
function routeKey(method: string, path: string): { key: string; id: string } {
  const match = /^\/(messages|media)\/([^/]+)$/.exec(path);
  if (match === null) return { key: `${method} ${path}`, id: '' };
  let id = match[2];
  try {
    id = decodeURIComponent(id);
  } catch {
    // kept as sent
  }
  return { key: `${method} /${match[1]}/{id}`, id };
}

/** The login body holds at most a new password. */
const LOGIN_BODY_LIMIT = 64 * 1024;

async function readRequestBody(ctx: SandboxContext, request: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await readBody(request, limit, ctx.bodies);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new OnPremError(1009, `request body: larger than ${error.limit} bytes`, 413);
    throw error;
  }
}

function answer(call: Call, method: string, path: string): Answer {
  const { ctx, request } = call;
  if (method === 'POST' && path === '/users/login') return ok(logIn(ctx, request.headers, call.body));
  const token = authenticate(ctx, request.headers);
  if (method === 'POST' && path === '/users/logout') return ok(logOut(ctx, token));
  const state = onPremState(ctx);
  const starting = ctx.now() - state.startedAt < ctx.config.startupDelayMs;
  if (method === 'GET' && path === '/health') return ok(health(starting));
  const { key, id } = routeKey(method, path);
  const route = ROUTES[key];
  if (route === undefined) {
    throw new OnPremError(1006, `${method} /v1${path}: not an endpoint the sandbox simulates (users/login, health, messages, media, settings, account, contacts)`, 404);
  }
  // While the core app loads templates and offline messages, only the web app answers.
  if (starting) throw new OnPremError(1011, 'core app not ready: it is loading templates and processing offline messages; retry shortly (GET /v1/health shows "connected" when it is ready)', 503);
  return route({ ...call, id });
}

/**
 * The WhatsApp On-Premises client's web app under /v1: HTTP Basic login for a Bearer token, then
 * messages, media, settings, registration, contacts and health, answering in the client's
 * `{"meta":...,"errors":[...]}` envelope. Messages follow the Cloud flavor's rules.
 */
export const serveOnPrem: FlavorHandler = async (ctx, request, response, url) => {
  const method = request.method ?? 'GET';
  const path = withoutTrailingSlashes(url.pathname).replace(/^\/v1(?=\/|$)/i, '');
  try {
    if (!/^\/v1(\/|$)/i.test(url.pathname)) {
      throw new OnPremError(1006, `${url.pathname}: the On-Premises API lives under /v1 (e.g. POST /v1/users/login)`, 404);
    }
    const login = method === 'POST' && path === '/users/login';
    // Everything but the login needs a valid token, checked before a byte of the body is read.
    if (!login) authenticate(ctx, request.headers);
    const limit = login ? LOGIN_BODY_LIMIT : method === 'POST' && path === '/media' ? MEDIA_BODY_LIMIT : JSON_BODY_LIMIT;
    const body = await readRequestBody(ctx, request, limit);
    const result = answer({ ctx, request, body, id: '' }, method, path);
    if ('bytes' in result) writeBytes(response, 200, result.contentType, result.bytes);
    else writeJson(response, result.status, { ...result.body, meta: ONPREM_META });
  } catch (error) {
    const failure = error instanceof GraphError ? fromGraphError(error) : error;
    if (!(failure instanceof OnPremError)) throw failure;
    if (!request.complete) discardBody(request);
    writeJson(response, failure.httpStatus, failure.toBody());
  }
};
