import { z } from 'zod';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';
import { DEFAULT_GRAPH_VERSION } from '../cloud-provider';
import { apiVersionField, baseUrlField, idField, parseConfig, retryField, secretField } from '../config-fields';
import { DEFAULT_USER_AGENT } from '../graph/graph-client';
import { DEFAULT_MATON_CONTROL_URL, DEFAULT_MATON_GATEWAY_URL, DEFAULT_MATON_REQUESTS_PER_SECOND } from './maton-config';
import type { MatonProviderConfig } from './maton-config';

/** The gateway's path prefix that selects the WhatsApp Business app. */
export const MATON_APP_PREFIX = '/whatsapp-business';

/**
 * Maton connection ids are UUIDs; the rule is looser than that but keeps the value safe to send
 * as a header (no spaces, no line breaks).
 */
const connectionIdField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, { error: 'must be a Maton connection id such as 21fd90f9-5935-43cd-b6c8-bde9d915ca80' });

/**
 * Users copy the gateway base from Maton's examples, which include the app prefix; both
 * https://gateway.maton.ai and https://gateway.maton.ai/whatsapp-business mean the same gateway.
 */
const gatewayUrlField = baseUrlField.transform((value) => (value.endsWith(MATON_APP_PREFIX) ? value.slice(0, -MATON_APP_PREFIX.length) : value));

const matonConfigSchema = z
  .strictObject({
    provider: z.literal('maton'),
    apiKey: secretField.optional(),
    transportAuthenticates: z.boolean().default(false),
    connectionId: connectionIdField.optional(),
    gatewayUrl: gatewayUrlField.default(DEFAULT_MATON_GATEWAY_URL),
    controlUrl: baseUrlField.default(DEFAULT_MATON_CONTROL_URL),
    phoneNumberId: idField.optional(),
    wabaId: idField.optional(),
    apiVersion: apiVersionField.default(DEFAULT_GRAPH_VERSION),
    // Fractions allowed (0.5 = one request every two seconds); 0 turns pacing off.
    maxRequestsPerSecond: z.number().min(0).max(1000).default(DEFAULT_MATON_REQUESTS_PER_SECOND),
    retry: retryField,
    requestTimeoutMs: z.number().int().positive().optional(),
    userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
    transport: z.custom<Transport>((value) => typeof (value as Transport | undefined)?.request === 'function', { error: 'must have a request() method' }).optional(),
    clock: z
      .custom<Clock>((value) => typeof (value as Clock | undefined)?.sleep === 'function' && typeof (value as Clock).now === 'function', {
        error: 'must have now(), sleep() and random()',
      })
      .optional(),
  })
  .superRefine((config, context) => {
    if (config.transportAuthenticates && config.apiKey !== undefined) {
      context.addIssue({ code: 'custom', path: ['apiKey'], message: 'must be left out when transportAuthenticates is true' });
    }
    if (!config.transportAuthenticates && config.apiKey === undefined) {
      context.addIssue({ code: 'custom', path: ['apiKey'], message: 'required (the Maton API key from maton.ai/settings)' });
    }
    if (config.transportAuthenticates && config.transport === undefined) {
      context.addIssue({ code: 'custom', path: ['transport'], message: 'required when transportAuthenticates is true' });
    }
  });

export type MatonSettings = z.output<typeof matonConfigSchema>;

/** Validates the configuration; errors name the field and rule and never echo a value. */
export function parseMatonConfig(config: MatonProviderConfig): MatonSettings {
  return parseConfig(matonConfigSchema, config, 'maton');
}
