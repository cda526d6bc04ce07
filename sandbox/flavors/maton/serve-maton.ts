import type { FlavorHandler } from '../flavor-handlers';
import { serveAuthorizePage } from './authorize-page';
import { isConnectionsPath, routeConnections } from './connection-routes';
import { AUTHORIZE_PATH } from './connection-json';
import { GATEWAY_PREFIX, isGatewayPath, serveGateway } from './gateway';
import { hasMatonKey } from './maton-auth';
import { writeMatonError, writeRateLimited } from './maton-reply';
import { matonState } from './maton-state';
import { takeRequestSlot } from './rate-limit';

/**
 * The Maton flavor on one port: the gateway (/whatsapp-business/{Graph path}), the connection API
 * (/connections) and the page that completes a connection's authorization. Every API call needs
 * the Maton API key (the sandbox token) as a bearer; the key is never echoed.
 */
export const serveMaton: FlavorHandler = async (ctx, request, response, url) => {
  if (url.pathname === AUTHORIZE_PATH) {
    serveAuthorizePage(ctx, request, response, url);
    return;
  }
  if (!hasMatonKey(request.headers, ctx.config.token)) {
    request.resume();
    writeMatonError(response, 401, 'unauthorized', 'Invalid or missing API key: send it as "Authorization: Bearer <your Maton API key>".');
    return;
  }
  if (isGatewayPath(url.pathname)) {
    await serveGateway(ctx, request, response, url);
    return;
  }
  if (isConnectionsPath(url.pathname)) {
    // The connection API counts against the same per-account limit as the gateway.
    const retryAfter = takeRequestSlot(matonState(ctx), ctx.config.gatewayRps, ctx.now());
    if (retryAfter !== null) {
      request.resume();
      writeRateLimited(response, ctx.config.gatewayRps, retryAfter);
      return;
    }
    await routeConnections(ctx, request, response, url);
    return;
  }
  request.resume();
  writeMatonError(
    response,
    404,
    'invalid_app',
    `Unknown path ${url.pathname}: gateway paths must start with ${GATEWAY_PREFIX}/ (e.g. ${GATEWAY_PREFIX}/v23.0/{phone-number-id}/messages); connections are at /connections.`,
  );
};
