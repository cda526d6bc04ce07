import type { z } from 'zod';
import { WhatsAppValidationError } from '../errors/validation-error';
import { ruleForIssue, toValidationIssues } from './issue-rules';

/** Parse catalogue input or throw a WhatsAppValidationError naming every bad field and its rule. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, provider: string | null = null): z.output<S> {
  const result = schema.safeParse(input, { error: ruleForIssue });
  if (!result.success) throw new WhatsAppValidationError(toValidationIssues(result.error), provider);
  return result.data;
}
