import { WhatsAppApiError } from '../../errors/other-errors';
import { obj, objects, str } from '../../json-read';
import type { Json } from '../../json-read';
import type { Connection } from '../../schemas/connection';

/** Maton's connection object (`{connection_id, status, creation_time, last_updated_time, url, app, metadata}`) as the catalogue's. */
export function toConnection(raw: Json, fallback: { status?: string; url?: string | null } = {}): Connection {
  const connectionId = str(raw.connection_id) ?? str(raw.id);
  if (connectionId === null) {
    throw new WhatsAppApiError({ message: 'The Maton connection API returned a connection without a connection_id', provider: 'maton' });
  }
  return {
    connectionId,
    status: str(raw.status) ?? fallback.status ?? 'UNKNOWN',
    app: str(raw.app),
    url: str(raw.url) ?? str(raw.auth_url) ?? fallback.url ?? null,
    createdAt: str(raw.creation_time) ?? str(raw.created_at),
    updatedAt: str(raw.last_updated_time) ?? str(raw.updated_at),
    metadata: obj(raw.metadata) ?? {},
  };
}

/** GET /connections/{id} answers `{connection: {...}}`; a bare object is accepted too. */
export function connectionFromAnswer(answer: Json): Connection {
  return toConnection(obj(answer.connection) ?? answer);
}

/**
 * POST /connections: Maton's examples read the URL to open from the connection or from a
 * top-level `url` / `auth_url`, so all three are looked at; a new connection waits for that
 * authorization, hence PENDING when no status is given.
 */
export function createdConnectionFromAnswer(answer: Json): Connection {
  const url = str(answer.url) ?? str(answer.auth_url);
  const nested = obj(answer.connection);
  return toConnection(nested ?? answer, { status: 'PENDING', url });
}

export function connectionsFromAnswer(answer: Json): Connection[] {
  return objects(answer.connections).map((raw) => toConnection(raw));
}
