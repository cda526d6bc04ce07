import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';

export const DEFAULT_ITNIO_BASE_URL = 'https://api.itniotech.com';

export interface ItnioProviderConfig {
  provider: 'itnio';
  /** The "API authentication name" (Home > Developers), sent as Api-Key and part of every Sign. */
  apiKey?: string;
  apiSecret?: string;
  /** The transport signs every request itself (the n8n nodes, through the credential). */
  transportAuthenticates?: boolean;
  /** The ITNIO application id sent as appId. */
  appId: string;
  /** The business WhatsApp number: digits with country code, no +. */
  businessPhone: string;
  /** Default https://api.itniotech.com. */
  baseUrl?: string;
  transport?: Transport;
  retry?: RetryOptions;
  clock?: Clock;
  requestTimeoutMs?: number;
  userAgent?: string;
}
