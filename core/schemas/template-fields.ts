import { z } from 'zod';
import { LANGUAGE_CODE_PATTERN, LIMITS } from '../rules/limits';
import { NAMED_VARIABLE } from '../rules/template-variables';
import { describeValue } from '../validation/issue-rules';

export const templateName = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.template.name, { error: (iss) => `at most ${LIMITS.template.name} characters (got ${String(iss.input).length})` })
  .regex(LIMITS.template.namePattern, { error: 'may contain only lowercase letters, digits and underscores' });

export const languageCode = z
  .string()
  .regex(LANGUAGE_CODE_PATTERN, { error: (iss) => `must be a language code such as en, en_US or pt_BR (got ${describeValue(iss.input, true)})` });

export const parameterName = z
  .string()
  .regex(NAMED_VARIABLE, { error: 'must be lowercase letters, digits and underscores, starting with a letter' });
