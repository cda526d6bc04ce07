import type { SandboxContext } from '../../runtime/context';

/** The Maton app whose connections the gateway's /whatsapp-business paths act through. */
export const WHATSAPP_APP = 'whatsapp-business';

export type ConnectionStatus = 'PENDING' | 'ACTIVE';

export interface ConnectionRecord {
  connectionId: string;
  app: string;
  status: ConnectionStatus;
  createdAt: number;
  updatedAt: number;
}

export interface MatonState {
  /** In creation order, so the first ACTIVE one is the oldest (the gateway's default). */
  connections: Map<string, ConnectionRecord>;
  /** When the requests accepted within the last second arrived (the per-key rate limit). */
  recentRequests: number[];
}

// The flavor keeps its own state beside the shared SandboxState, which knows nothing of Maton.
const states = new WeakMap<SandboxContext, MatonState>();

/** This sandbox's Maton state; the first call creates it with the configured ACTIVE connection. */
export function matonState(ctx: SandboxContext): MatonState {
  let state = states.get(ctx);
  if (state === undefined) {
    const now = ctx.now();
    const initial: ConnectionRecord = { connectionId: ctx.config.connectionId, app: WHATSAPP_APP, status: 'ACTIVE', createdAt: now, updatedAt: now };
    state = { connections: new Map([[initial.connectionId, initial]]), recentRequests: [] };
    states.set(ctx, state);
  }
  return state;
}

/** The connection the gateway acts through for a Maton-Connection header (or its absence). */
export type ConnectionChoice = { ok: true; connection: ConnectionRecord } | { ok: false; reason: string };

export function chooseConnection(state: MatonState, header: string | undefined): ConnectionChoice {
  if (header === undefined || header.trim() === '') {
    for (const connection of state.connections.values()) {
      if (connection.app === WHATSAPP_APP && connection.status === 'ACTIVE') return { ok: true, connection };
    }
    return { ok: false, reason: `No ACTIVE ${WHATSAPP_APP} connection found. Create one at /connections and complete its authorization.` };
  }
  const connection = state.connections.get(header.trim());
  if (connection === undefined || connection.app !== WHATSAPP_APP) {
    return { ok: false, reason: `Connection ${header.trim()} not found for app ${WHATSAPP_APP}.` };
  }
  if (connection.status !== 'ACTIVE') {
    return { ok: false, reason: `Connection ${connection.connectionId} is ${connection.status}, not ACTIVE: complete its authorization first.` };
  }
  return { ok: true, connection };
}

/** Back to the start: only the configured ACTIVE connection, an empty rate window. */
export function resetMatonState(ctx: SandboxContext): void {
  states.delete(ctx);
}
