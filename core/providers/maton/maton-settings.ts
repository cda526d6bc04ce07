import { z } from 'zod';
import { DEFAULT_GRAPH_VERSION } from '../cloud-provider';
import { apiVersionField, baseUrlField, checkCredentials, connectionFields, idField, parseConfig, secretField } from '../config-fields';
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
    ...connectionFields,
  })
  .superRefine((config, context) => checkCredentials(config, ['apiKey'], context, 'required (the Maton API key from maton.ai/settings)'));

export type MatonSettings = z.output<typeof matonConfigSchema>;

/** Validates the configuration; errors name the field and rule and never echo a value. */
export function parseMatonConfig(config: MatonProviderConfig): MatonSettings {
  return parseConfig(matonConfigSchema, config, 'maton');
}
