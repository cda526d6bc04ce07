import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';

export const DEFAULT_MATON_GATEWAY_URL = 'https://gateway.maton.ai';
export const DEFAULT_MATON_CONTROL_URL = 'https://ctrl.maton.ai';
/** Maton allows 10 requests per second per account; staying under it avoids 429s. */
export const DEFAULT_MATON_REQUESTS_PER_SECOND = 8;

export interface MatonProviderConfig {
  provider: 'maton';
  /** The Maton API key (maton.ai/settings). Leave it out only with `transportAuthenticates`. */
  apiKey?: string;
  /** The transport adds the Authorization header itself (the n8n nodes). */
  transportAuthenticates?: boolean;
  /** Sent as Maton-Connection; when absent Maton uses the oldest active connection. */
  connectionId?: string;
  /** Default https://gateway.maton.ai; requests go to {gatewayUrl}/whatsapp-business/{Graph path}. */
  gatewayUrl?: string;
  /** Default https://ctrl.maton.ai (connection management). */
  controlUrl?: string;
  /** Default sending number and WhatsApp Business Account, as with the Cloud API. */
  phoneNumberId?: string;
  wabaId?: string;
  /** Graph API version in gateway paths, default v23.0. */
  apiVersion?: string;
  /** Requests per second this provider allows itself (default 8; Maton's limit is 10 per account). */
  maxRequestsPerSecond?: number;
  transport?: Transport;
  retry?: RetryOptions;
  clock?: Clock;
  requestTimeoutMs?: number;
  userAgent?: string;
}
