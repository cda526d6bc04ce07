import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { FLAVOR_HANDLERS } from '../flavors/flavor-handlers';
import { routeApp } from '../account/app-routes';
import { PROFILE_PICTURE_PATH } from '../account/business-profile-routes';
import { controlRequestRefusal } from '../control/control-guard';
import { routeControl } from '../control/control-routes';
import { authenticateAppRequest } from '../account/app-routes';
import { isAuthorized } from '../graph/auth';
import { GraphError, invalidToken, unknownObject } from '../graph/graph-error';
import type { GraphMethod } from '../graph/graph-request';
import { isUploadPath, parseGraphPath, routeGraph } from '../graph/graph-router';
import { answerBodyFailure } from '../http/body-failure';
import { BodyTooLargeError, discardBody, expectsContinue, readBody } from '../http/read-body';
import { requestUrl } from '../http/request-path';
import { writeBytes, writeJson } from '../http/respond';
import { ATTACHMENTS_PATH, downloadMedia } from '../media/download-route';
import { PLACEHOLDER_PNG } from '../media/placeholder-media';
import { MEDIA_BODY_LIMIT } from '../media/upload-route';
import type { SandboxContext } from './context';
import { newTraceId } from './ids';

/** JSON bodies are small on Meta's API; this only guards memory. */
const JSON_BODY_LIMIT = 16 * 1024 * 1024;
const GRAPH_METHODS: readonly GraphMethod[] = ['GET', 'POST', 'DELETE'];

function isGraphMethod(method: string): method is GraphMethod {
  return (GRAPH_METHODS as readonly string[]).includes(method);
}

/**
 * The `latencyMs` option: a plain unref'd timer rather than the registry, so a reset or close never
 * leaves a request waiting forever (close drops the connection anyway).
 */
function latency(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function createSandboxServer(ctx: SandboxContext): Server {
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = Date.now();
    handle(ctx, request, response)
      .catch((error: unknown) => {
        if (answerBodyFailure(request, response, error)) return;
        // Only messages, never headers or query strings: those can carry the token.
        ctx.config.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) {
          writeJson(response, 500, {
            error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, fbtrace_id: newTraceId() },
          });
        }
      })
      .finally(() => {
        const path = requestUrl(request.url).pathname;
        ctx.config.log(`${request.method ?? '?'} ${path} -> ${response.statusCode} (${Date.now() - started} ms)`);
      });
  };
  // https.Server extends tls.Server, not http.Server, but answers requests the same way.
  const server = ctx.config.tls === null ? createServer(listener) : (createHttpsServer(ctx.config.tls, listener) as unknown as Server);
  // Without this listener Node answers "100 Continue" before the token is checked, and the client uploads.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    expectsContinue(request, response);
    listener(request, response);
  });
  return server;
}

async function handle(ctx: SandboxContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = requestUrl(request.url);
  if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
    await serveControl(ctx, request, response, url);
    return;
  }
  if (ctx.config.latencyMs > 0) await latency(ctx.config.latencyMs);
  if (ctx.config.flavor !== 'cloud') {
    await FLAVOR_HANDLERS[ctx.config.flavor](ctx, request, response, url);
    return;
  }
  await serveGraph(ctx, request, response, url, { authorized: false });
}

/** The control API: who may call it is settled before its body is read (control-guard.ts). */
async function serveControl(ctx: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const refusal = controlRequestRefusal(ctx.config, request);
  if (refusal !== null) {
    discardBody(request);
    writeJson(response, refusal.status, { error: { message: refusal.message } });
    return;
  }
  const body = await readBody(request, JSON_BODY_LIMIT, ctx.bodies).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  });
  if (body === null) {
    writeJson(response, 413, { error: { message: `body: larger than ${JSON_BODY_LIMIT} bytes` } });
    return;
  }
  const result = routeControl(ctx, request.method ?? 'GET', url.pathname, url.searchParams, body);
  writeJson(response, result.status, result.body);
}

/**
 * Meta's Graph API: media downloads, app routes and object routes, answering errors in Graph's
 * envelope. `authorized` skips the access-token check for callers that authenticated the request
 * their own way (the Maton flavor's gateway injects the token, as the real one does).
 */
export async function serveGraph(
  ctx: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  access: { authorized: boolean },
): Promise<void> {
  const method = request.method ?? 'GET';
  const graphPath = parseGraphPath(url.pathname);
  const limit = isUploadPath(ctx, graphPath) ? MEDIA_BODY_LIMIT : JSON_BODY_LIMIT;
  try {
    if (url.pathname === ATTACHMENTS_PATH && method === 'GET') {
      discardBody(request);
      const media = downloadMedia(ctx, request.headers, url.searchParams);
      writeBytes(response, 200, media.contentType, media.bytes);
      return;
    }
    if (url.pathname === PROFILE_PICTURE_PATH && method === 'GET') {
      discardBody(request);
      writeBytes(response, 200, 'image/png', PLACEHOLDER_PNG);
      return;
    }
    const appRoute = graphPath.objectId === ctx.config.appId;
    // The token is checked before a byte of the body is read: an unauthenticated upload costs nothing.
    if (appRoute) authenticateAppRequest(ctx, request.headers, url.searchParams);
    else if (!access.authorized && !isAuthorized(request.headers, url.searchParams, ctx.config.token)) throw invalidToken();
    const body = await readBody(request, limit, ctx.bodies).catch((error: unknown) => {
      if (!(error instanceof BodyTooLargeError)) throw error;
      if (limit === MEDIA_BODY_LIMIT) {
        throw new GraphError(131053, `file: the upload is larger than ${error.limit} bytes, more than any media kind allows`, { httpStatus: 413 });
      }
      throw new GraphError(100, `request body: larger than ${error.limit} bytes`, { httpStatus: 413 });
    });
    if (appRoute) {
      // App-level routes authenticate with the app access token themselves.
      if (!isGraphMethod(method)) throw unknownObject(method, graphPath.objectId);
      const appRequest = { method, ...graphPath, query: url.searchParams, contentType: request.headers['content-type'], body };
      const result = await routeApp(ctx, appRequest, request.headers);
      writeJson(response, result.status ?? 200, result.body);
      return;
    }
    if (!isGraphMethod(method)) throw unknownObject(method, graphPath.objectId);
    const result = await routeGraph(ctx, {
      method,
      version: graphPath.version,
      objectId: graphPath.objectId,
      edge: graphPath.edge,
      query: url.searchParams,
      contentType: request.headers['content-type'],
      body,
    });
    writeJson(response, result.status ?? 200, result.body);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    if (!request.complete) discardBody(request);
    writeJson(response, error.httpStatus, error.toEnvelope());
  }
}
