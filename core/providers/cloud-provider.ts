import { z } from 'zod';
import { createRedactor } from '../redact';
import { DEFAULT_RETRY } from '../retry/retry-policy';
import type { RetryOptions } from '../retry/retry-policy';
import type { Clock } from '../runtime/clock';
import type { Transport } from '../transport/transport';
import { defaultClock, defaultTransport } from '../runtime/host-defaults';
import { apiVersionField, baseUrlField, checkCredentials, connectionFields, idField, parseConfig, secretField } from './config-fields';
import { GraphProvider } from './graph/graph-provider';
import { trustedMediaHosts } from './graph/trusted-hosts';

export const DEFAULT_GRAPH_VERSION = 'v23.0';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';

export interface CloudProviderConfig {
  provider: 'cloud';
  /**
   * A System User or user access token with whatsapp_business_messaging / _management. Leave it out
   * only with `transportAuthenticates` (the n8n nodes, where the credential signs every request).
   */
  accessToken?: string;
  /** The transport adds authentication itself; core sends no Authorization header. */
  transportAuthenticates?: boolean;
  /** Default sending number; operations can override it. */
  phoneNumberId?: string;
  /** Default WhatsApp Business Account (templates, phone number list); operations can override it. */
  wabaId?: string;
  /** Graph API version, default v23.0. */
  apiVersion?: string;
  /** Default https://graph.facebook.com; point it at the sandbox to work offline. */
  baseUrl?: string;
  /** Extra HTTPS hosts that may receive the token when downloading media. */
  trustedMediaHosts?: string[];
  transport?: Transport;
  retry?: RetryOptions;
  clock?: Clock;
  /** Time allowed for each answer, headers and complete body, in ms (default 30 s; connecting has its own 10 s). */
  requestTimeoutMs?: number;
  /** User-Agent header for every request, media downloads included. */
  userAgent?: string;
}

const cloudConfigSchema = z.strictObject({
  provider: z.literal('cloud'),
  accessToken: secretField.optional(),
  transportAuthenticates: z.boolean().default(false),
  phoneNumberId: idField.optional(),
  wabaId: idField.optional(),
  apiVersion: apiVersionField.default(DEFAULT_GRAPH_VERSION),
  baseUrl: baseUrlField.default(DEFAULT_GRAPH_BASE_URL),
  trustedMediaHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/i, { error: 'must be a host name' })).default([]),
  ...connectionFields,
}).superRefine((config, context) => checkCredentials(config, ['accessToken'], context));

export function createCloudProvider(config: CloudProviderConfig): GraphProvider {
  const settings = parseConfig(cloudConfigSchema, config, 'cloud');
  const transport = settings.transport ?? defaultTransport({ requestTimeoutMs: settings.requestTimeoutMs }, 'cloud');
  return new GraphProvider({
    name: 'cloud',
    label: 'Meta Cloud API',
    baseUrl: settings.baseUrl,
    apiVersion: settings.apiVersion,
    headers: settings.accessToken === undefined ? {} : { authorization: `Bearer ${settings.accessToken}` },
    phoneNumberId: settings.phoneNumberId,
    wabaId: settings.wabaId,
    transport,
    ownsTransport: settings.transport === undefined,
    retry: { ...DEFAULT_RETRY, ...settings.retry },
    clock: settings.clock ?? defaultClock('cloud'),
    requestTimeoutMs: settings.requestTimeoutMs,
    userAgent: settings.userAgent,
    redact: createRedactor([settings.accessToken]),
    isTrustedMediaHost: trustedMediaHosts(settings.baseUrl, settings.trustedMediaHosts),
  });
}
