import type { z } from 'zod';
import type { ValidationIssue } from '../errors/validation-error';
import { codePointLength } from './fields';

type RawIssue = z.core.$ZodRawIssue;

/** With `reveal` false, only the type of what was received is named, never its value. Long text is cut. */
export function describeValue(value: unknown, reveal: boolean): string {
  if (value === undefined) return 'nothing';
  if (!reveal) return Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}..."` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

function sizeOf(value: unknown): number | null {
  // Counted without spreading the string into an array of code points (memory as large as the input).
  if (typeof value === 'string') return codePointLength(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  return null;
}

function unitFor(origin: string, count: number): string {
  if (origin === 'string') return count === 1 ? 'character' : 'characters';
  if (origin === 'array' || origin === 'set') return count === 1 ? 'item' : 'items';
  return '';
}

function boundRule(iss: RawIssue & { code: 'too_big' | 'too_small' }, reveal: boolean): string {
  const isMax = iss.code === 'too_big';
  const limit = Number(isMax ? (iss as { maximum: number | bigint }).maximum : (iss as { minimum: number | bigint }).minimum);
  const origin = String(iss.origin);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    return `must be ${isMax ? 'at most' : 'at least'} ${limit} (got ${describeValue(iss.input, reveal)})`;
  }
  if (!isMax && limit === 1 && origin === 'string') return 'must not be empty';
  const size = sizeOf(iss.input);
  const got = size === null ? '' : ` (got ${size})`;
  return `${isMax ? 'at most' : 'at least'} ${limit} ${unitFor(origin, limit)}${got}`;
}

/**
 * Error map used for every catalogue parse: turns zod's issues into short rules that name the
 * limit and what was received, e.g. `at most 24 characters (got 31)`. Messages set on a schema win.
 */
export function ruleForIssue(iss: RawIssue): string {
  return describeIssue(iss, true);
}

/** The same rules naming only types, never received values: for settings that may hold secrets. */
export function ruleWithoutValues(iss: RawIssue): string {
  return describeIssue(iss, false);
}

function describeIssue(iss: RawIssue, reveal: boolean): string {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'required';
      const expected = iss.expected === 'int' ? 'integer' : iss.expected;
      return `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected} (got ${describeValue(iss.input, reveal)})`;
    }
    case 'too_big':
    case 'too_small':
      return boundRule(iss, reveal);
    case 'invalid_value':
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(iss.input, reveal)})`;
    case 'invalid_format':
      if (iss.format === 'url') return 'must be an http(s) URL';
      if (iss.format === 'email') return 'must be an email address';
      return `must match the ${iss.format} format`;
    case 'invalid_union': {
      const { options, discriminator } = iss as { options?: unknown[]; discriminator?: string };
      if (options && options.length > 0) {
        // For a discriminated union the issue's input is the whole object; report the discriminator itself.
        const input = iss.input as Record<string, unknown> | undefined;
        const value = discriminator !== undefined && typeof input === 'object' && input !== null ? input[discriminator] : iss.input;
        const list = options.map((o) => JSON.stringify(o)).join(', ');
        return value === undefined ? `required, one of ${list}` : `must be one of ${list} (got ${describeValue(value, reveal)})`;
      }
      return `does not match any accepted shape (got ${describeValue(iss.input, reveal)})`;
    }
    case 'unrecognized_keys':
      return 'unknown field';
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    default:
      return iss.message ?? 'is not valid';
  }
}

/** `["interactive","action","sections",1,"rows",0]` -> `interactive.action.sections[1].rows[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** One ValidationIssue per problem; unknown keys are reported one by one at their own path. */
export function toValidationIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...path, key]), rule: 'unknown field' });
    } else {
      issues.push({ path: formatPath(path), rule: issue.message });
    }
  }
  return issues;
}
