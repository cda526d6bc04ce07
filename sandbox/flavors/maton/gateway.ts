import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../../runtime/context';
import { serveGraph } from '../../runtime/http-server';
import { chooseConnection, matonState, WHATSAPP_APP } from './maton-state';
import { writeMatonError, writeRateLimited } from './maton-reply';
import { takeRequestSlot } from './rate-limit';

export const GATEWAY_PREFIX = `/${WHATSAPP_APP}`;

export function isGatewayPath(pathname: string): boolean {
  return pathname === GATEWAY_PREFIX || pathname.startsWith(`${GATEWAY_PREFIX}/`);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The gateway's own checks after the key (Maton-Connection, then the per-key rate limit), then
 * the Graph API itself with the prefix removed; as on the real gateway, the connection's Meta
 * token is injected, so Graph does not check a token here.
 */
export async function serveGateway(ctx: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const state = matonState(ctx);
  const choice = chooseConnection(state, headerValue(request.headers['maton-connection']));
  if (!choice.ok) {
    request.resume();
    return writeMatonError(response, 400, 'missing_connection', choice.reason);
  }
  const retryAfter = takeRequestSlot(state, ctx.config.gatewayRps, ctx.now());
  if (retryAfter !== null) {
    request.resume();
    return writeRateLimited(response, ctx.config.gatewayRps, retryAfter);
  }
  const graphUrl = new URL(url.toString());
  graphUrl.pathname = url.pathname.slice(GATEWAY_PREFIX.length) || '/';
  await serveGraph(ctx, request, response, graphUrl, { authorized: true });
}
