import { WhatsAppApiError } from '../../errors/other-errors';
import { isJsonObject } from '../../json';
import { obj, str } from '../../json-read';
import type { AccountHealth } from '../../schemas/account';
import type { AnswerSource } from '../graph/parse';

type HealthNode = AccountHealth['nodes'][number];

/** From best to worst; an unknown status counts as "disconnected" (not ready, may still recover). */
const SEVERITY: Readonly<Record<string, number>> = { connected: 0, connecting: 1, disconnected: 2, uninitialized: 3, unregistered: 4 };
const severity = (status: string): number => SEVERITY[status] ?? SEVERITY.disconnected;

/** A multiconnect secondary master is a standby: its state does not decide whether messages go out. */
function nodesThatServe(nodes: readonly HealthNode[]): readonly HealthNode[] {
  const serving = nodes.filter((node) => node.role !== 'secondary_master');
  return serving.length > 0 ? serving : nodes;
}

function readNodes(health: unknown): HealthNode[] {
  // A single client answers {"gateway_status": ...}; the unofficial spec also allows a bare status string.
  if (typeof health === 'string') return [{ node: null, gatewayStatus: health, role: null }];
  const single = obj(health);
  if (single === null) return [];
  const status = str(single.gateway_status);
  if (status !== null) return [{ node: null, gatewayStatus: status, role: str(single.role) }];
  // Multiconnect: one entry per "host:container".
  return Object.entries(single).flatMap(([node, value]) => {
    const entry = obj(value);
    const nodeStatus = str(entry?.gateway_status);
    return entry === null || nodeStatus === null ? [] : [{ node, gatewayStatus: nodeStatus, role: str(entry.role) }];
  });
}

/**
 * GET /v1/health as account health. `ready` means every node that serves messages is "connected":
 * a single client's one node, or in multiconnect every node except the secondary master (the
 * standby, normally "disconnected"); `gatewayStatus` is the worst status over all nodes.
 */
export function toAccountHealth(response: Record<string, unknown>, source: AnswerSource): AccountHealth {
  const nodes = readNodes(response.health);
  if (nodes.length === 0) {
    throw new WhatsAppApiError({ message: `${source.label} answered the health check without a gateway status`, provider: source.name });
  }
  const worst = nodes.reduce((a, b) => (severity(b.gatewayStatus) > severity(a.gatewayStatus) ? b : a));
  const meta = isJsonObject(response.meta) ? response.meta : {};
  return {
    ready: nodesThatServe(nodes).every((node) => node.gatewayStatus === 'connected'),
    gatewayStatus: worst.gatewayStatus,
    nodes,
    apiStatus: str(meta.api_status),
    version: str(meta.version),
  };
}

/** "uninitialized" / "unregistered" do not pass by waiting: the number has to be registered first. */
export function needsRegistration(health: AccountHealth): boolean {
  return nodesThatServe(health.nodes).some((node) => node.gatewayStatus === 'uninitialized' || node.gatewayStatus === 'unregistered');
}
