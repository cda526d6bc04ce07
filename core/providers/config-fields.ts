import { z } from 'zod';
import type { Clock } from '../runtime/clock';
import type { Transport } from '../transport/transport';
import { WhatsAppConfigError } from '../errors/other-errors';
import { formatIssue } from '../errors/validation-error';
import { ruleWithoutValues, toValidationIssues } from '../validation/issue-rules';
import { isHttpUrl } from '../validation/fields';
import { DEFAULT_USER_AGENT } from './graph/graph-client';

export const secretField = z.string().refine((value) => value.trim().length > 0, { error: 'must not be empty' });
/**
 * A scan from the end instead of `replace(/\/+$/, '')`: that regex retries at every slash of a long
 * run that is not at the end, which is quadratic in the length of the run.
 */
export function withoutTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end -= 1;
  return value.slice(0, end);
}

/** Whether a URL carries a user name, password, query or fragment: none has a place in a base URL. */
function hasExtras(value: string): boolean {
  const url = new URL(value);
  return url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '';
}

/**
 * A provider's base URL. Credentials or a query in it would be shown wherever the provider is
 * (toJSON, inspect) and paths are appended to it, so only scheme, host, port and path are taken.
 */
export const baseUrlField = z
  .string()
  .refine(isHttpUrl, { error: 'must be an http(s) URL' })
  .refine((value) => !isHttpUrl(value) || !hasExtras(value), {
    error: 'must be a base URL without user name, password, query or fragment (credentials go in their own fields)',
  })
  .transform(withoutTrailingSlashes);
export const apiVersionField = z.string().regex(/^v\d+\.\d+$/, { error: 'must look like v23.0' });
export const idField = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .refine((value) => /^\d+$/.test(value), { error: 'must be a numeric id' });
/** An injected transport: anything with request(), checked only for that (its type is the contract). */
export const transportField = z
  .custom<Transport>((value) => typeof (value as Transport | undefined)?.request === 'function', { error: 'must have a request() method' })
  .optional();
/** An injected clock: the three methods every retry and wait uses. */
export const clockField = z
  .custom<Clock>(
    (value) => {
      const clock = value as Partial<Clock> | undefined;
      return typeof clock?.now === 'function' && typeof clock.sleep === 'function' && typeof clock.random === 'function';
    },
    { error: 'must have now(), sleep() and random()' },
  )
  .optional();
export const retryField = z
  .strictObject({
    maxRetries: z.number().int().min(0).max(10).optional(),
    baseDelayMs: z.number().min(0).optional(),
    maxDelayMs: z.number().min(0).optional(),
  })
  .optional();

/** The HTTP and timing fields every provider takes, spread into each configuration schema. */
export const connectionFields = {
  retry: retryField,
  requestTimeoutMs: z.number().int().positive().optional(),
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  transport: transportField,
  clock: clockField,
};

/**
 * Every provider's credential rule: its credential fields are required (`requiredRule` says which
 * credential), unless the transport authenticates, which must then be given, and the credentials
 * left out so that nothing is sent twice.
 */
export function checkCredentials(
  config: { transportAuthenticates: boolean; transport?: Transport } & Readonly<Record<string, unknown>>,
  fields: readonly string[],
  context: z.RefinementCtx,
  requiredRule = 'required',
): void {
  for (const field of fields) {
    if (config.transportAuthenticates && config[field] !== undefined) {
      context.addIssue({ code: 'custom', path: [field], message: 'must be left out when transportAuthenticates is true' });
    }
    if (!config.transportAuthenticates && config[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: requiredRule });
  }
  if (config.transportAuthenticates && config.transport === undefined) {
    context.addIssue({ code: 'custom', path: ['transport'], message: 'required when transportAuthenticates is true' });
  }
}

/** Validates provider settings; messages name the field and rule and never echo a value. */
export function parseConfig<S extends z.ZodType>(schema: S, config: unknown, provider: string): z.output<S> {
  // Values are left out of every rule: a misplaced token must not end up in an error message.
  const result = schema.safeParse(config, { error: ruleWithoutValues });
  if (!result.success) {
    // Unknown field names are shown only when they look like names, not like a pasted credential.
    const problems = toValidationIssues(result.error)
      .map((issue) => (/^[A-Za-z_][\w.[\]]{0,60}$/.test(issue.path) ? issue : { ...issue, path: '(an unrecognized field)' }))
      .map(formatIssue)
      .join('; ');
    throw new WhatsAppConfigError(`Invalid ${provider} provider configuration: ${problems}`, provider);
  }
  return result.data;
}
