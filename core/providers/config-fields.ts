import { z } from 'zod';
import { WhatsAppConfigError } from '../errors/other-errors';
import { formatIssue } from '../errors/validation-error';
import { ruleWithoutValues, toValidationIssues } from '../validation/issue-rules';
import { isHttpUrl } from '../validation/fields';

export const secretField = z.string().refine((value) => value.trim().length > 0, { error: 'must not be empty' });
export const baseUrlField = z
  .string()
  .refine(isHttpUrl, { error: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));
export const apiVersionField = z.string().regex(/^v\d+\.\d+$/, { error: 'must look like v23.0' });
export const idField = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .refine((value) => /^\d+$/.test(value), { error: 'must be a numeric id' });
export const retryField = z
  .strictObject({
    maxRetries: z.number().int().min(0).max(10).optional(),
    baseDelayMs: z.number().min(0).optional(),
    maxDelayMs: z.number().min(0).optional(),
  })
  .optional();

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
