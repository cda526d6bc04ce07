import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';

/** How long an operation waits, by default, for a starting client to report "connected". */
export const DEFAULT_ONPREM_READINESS_TIMEOUT_MS = 60_000;

export interface OnPremProviderConfig {
  provider: 'onprem';
  /** The client's web app, e.g. https://wa.example.com:9090/v1 (a missing /v1 is added). */
  baseUrl: string;
  /** Admin (or API) user: logs in with Basic auth at POST /v1/users/login. Leave both out only with `transportAuthenticates`. */
  username?: string;
  password?: string;
  /** The transport logs in and adds the Bearer token itself (the n8n nodes, through the credential). */
  transportAuthenticates?: boolean;
  /** Accept the client's self-signed certificate. Off unless explicitly enabled. */
  insecureTls?: boolean;
  /** The WhatsApp Business Account's template namespace, used when a template message gives none. */
  templateNamespace?: string;
  /** How long to wait for gateway_status "connected" while the client starts (default 60 s; 0 = do not wait). */
  readinessTimeoutMs?: number;
  transport?: Transport;
  retry?: RetryOptions;
  clock?: Clock;
  requestTimeoutMs?: number;
  userAgent?: string;
}
