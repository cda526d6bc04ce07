import { z } from 'zod';
import { DEFAULT_RETRY } from '../../retry/retry-policy';
import type { RetryOptions } from '../../retry/retry-policy';
import type { Clock } from '../../runtime/clock';
import type { Transport } from '../../transport/transport';
import { baseUrlField, checkCredentials, connectionFields, parseConfig, secretField } from '../config-fields';
import { DEFAULT_ONPREM_READINESS_TIMEOUT_MS } from './onprem-config';
import type { OnPremProviderConfig } from './onprem-config';

/** The configuration after validation, with defaults applied. */
export interface OnPremSettings {
  /** Ends in /v1, no trailing slash. */
  baseUrl: string;
  username: string | undefined;
  password: string | undefined;
  transportAuthenticates: boolean;
  insecureTls: boolean;
  templateNamespace: string | undefined;
  readinessTimeoutMs: number;
  transport: Transport | undefined;
  retry: Required<RetryOptions>;
  clock: Clock | undefined;
  requestTimeoutMs: number | undefined;
  userAgent: string;
}

/** The client's API lives under /v1; a base URL given without it (https://host:9090) gets it added. */
function withApiPrefix(url: string): string {
  return /\/v1$/i.test(url) ? url : `${url}/v1`;
}

const onPremConfigSchema = z
  .strictObject({
    provider: z.literal('onprem'),
    baseUrl: baseUrlField.transform(withApiPrefix),
    username: secretField.optional(),
    password: secretField.optional(),
    transportAuthenticates: z.boolean().default(false),
    insecureTls: z.boolean().default(false),
    templateNamespace: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'must be the namespace WhatsApp Manager shows (letters, digits, _ and -)' })
      .optional(),
    readinessTimeoutMs: z.number().int().min(0).default(DEFAULT_ONPREM_READINESS_TIMEOUT_MS),
    ...connectionFields,
  })
  .superRefine((config, context) => {
    checkCredentials(config, ['username', 'password'], context, 'required (the client\'s admin or API user, for POST /v1/users/login)');
    // A custom transport makes its own TLS decisions; accepting the flag would silently do nothing.
    if (config.insecureTls && config.transport !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['insecureTls'],
        message: 'applies only to the built-in transport: leave it out and let your transport accept the certificate',
      });
    }
  });

export function parseOnPremConfig(config: OnPremProviderConfig): OnPremSettings {
  const parsed = parseConfig(onPremConfigSchema, config, 'onprem');
  return {
    baseUrl: parsed.baseUrl,
    username: parsed.username,
    password: parsed.password,
    transportAuthenticates: parsed.transportAuthenticates,
    insecureTls: parsed.insecureTls,
    templateNamespace: parsed.templateNamespace,
    readinessTimeoutMs: parsed.readinessTimeoutMs,
    transport: parsed.transport,
    retry: { ...DEFAULT_RETRY, ...parsed.retry },
    clock: parsed.clock,
    requestTimeoutMs: parsed.requestTimeoutMs,
    userAgent: parsed.userAgent,
  };
}
