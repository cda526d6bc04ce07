import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import type { ConnectionRecord } from './maton-state';

/** Opening this URL (GET) stands in for finishing Maton's OAuth flow in a browser. */
export const AUTHORIZE_PATH = '/_maton/authorize';

export function authorizeUrl(ctx: SandboxContext, connectionId: string): string {
  return `${ctx.baseUrl()}${AUTHORIZE_PATH}?connection=${encodeURIComponent(connectionId)}`;
}

/** A connection as Maton's connection API shows it. */
export function connectionJson(ctx: SandboxContext, connection: ConnectionRecord): JsonObject {
  return {
    connection_id: connection.connectionId,
    status: connection.status,
    creation_time: new Date(connection.createdAt).toISOString(),
    last_updated_time: new Date(connection.updatedAt).toISOString(),
    url: authorizeUrl(ctx, connection.connectionId),
    app: connection.app,
    method: 'OAUTH2',
    metadata: {},
  };
}
