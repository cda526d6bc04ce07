import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxContext } from '../../runtime/context';
import { BodyTooLargeError, readBody } from '../../http/read-body';
import { connectionJson } from './connection-json';
import { matonState } from './maton-state';
import type { ConnectionRecord } from './maton-state';
import { writeMatonError, writeMatonJson } from './maton-reply';

export const CONNECTIONS_PATH = '/connections';
const BODY_LIMIT = 64 * 1024;
const APP_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isConnectionsPath(pathname: string): boolean {
  return pathname === CONNECTIONS_PATH || pathname.startsWith(`${CONNECTIONS_PATH}/`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The body as a JSON object, or a message saying why it is not one. */
async function jsonBody(ctx: SandboxContext, request: IncomingMessage): Promise<Record<string, unknown> | string> {
  let raw: Buffer;
  try {
    raw = await readBody(request, BODY_LIMIT, ctx.bodies);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return `body: larger than ${BODY_LIMIT} bytes`;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through
  }
  return 'body: must be a JSON object such as {"app": "whatsapp-business"}';
}

/**
 * Maton's connection API (ctrl.maton.ai), served on the sandbox's port: list (filters app and
 * status), create (PENDING with a url to open), get and delete. The caller checked the key.
 */
export async function routeConnections(ctx: SandboxContext, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const state = matonState(ctx);
  const method = request.method ?? 'GET';
  const rest = url.pathname.slice(CONNECTIONS_PATH.length).replace(/^\//, '');
  if (rest === '') {
    if (method === 'GET') {
      const app = url.searchParams.get('app');
      const status = url.searchParams.get('status');
      const connections = [...state.connections.values()]
        .filter((connection) => (app === null || connection.app === app) && (status === null || connection.status === status))
        .map((connection) => connectionJson(ctx, connection));
      writeMatonJson(response, 200, { connections });
      return;
    }
    if (method === 'POST') {
      const body = await jsonBody(ctx, request);
      if (typeof body === 'string') return writeMatonError(response, 400, 'invalid_request', body);
      if (typeof body.app !== 'string' || !APP_NAME.test(body.app)) {
        return writeMatonError(response, 400, 'invalid_request', 'app: required, an app name such as "whatsapp-business"');
      }
      const now = ctx.now();
      const connection: ConnectionRecord = { connectionId: randomUUID(), app: body.app, status: 'PENDING', createdAt: now, updatedAt: now };
      state.connections.set(connection.connectionId, connection);
      writeMatonJson(response, 200, { connection: connectionJson(ctx, connection) });
      return;
    }
    request.resume();
    return writeMatonError(response, 405, 'method_not_allowed', `${method} is not allowed on /connections (GET lists, POST creates)`, { Allow: 'GET, POST' });
  }
  request.resume();
  const id = safeDecode(rest);
  if (id.includes('/')) return writeMatonError(response, 404, 'not_found', `Unknown path ${url.pathname}`);
  const connection = state.connections.get(id);
  if (method !== 'GET' && method !== 'DELETE') {
    return writeMatonError(response, 405, 'method_not_allowed', `${method} is not allowed on /connections/{connection_id} (GET reads, DELETE deletes)`, {
      Allow: 'GET, DELETE',
    });
  }
  if (connection === undefined) return writeMatonError(response, 404, 'not_found', `Connection ${id} not found`);
  if (method === 'GET') return writeMatonJson(response, 200, { connection: connectionJson(ctx, connection) });
  state.connections.delete(id);
  writeMatonJson(response, 200, {});
}
