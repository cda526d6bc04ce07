/** Variables in template text: `{{1}}` (positional) or `{{first_name}}` (named). */
export interface TemplateVariables {
  positional: number[];
  named: string[];
  /** Placeholders that are neither, e.g. `{{ First Name }}`. */
  invalid: string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
export const NAMED_VARIABLE = /^[a-z][a-z0-9_]*$/;

export function extractTemplateVariables(text: string): TemplateVariables {
  const found: TemplateVariables = { positional: [], named: [], invalid: [] };
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1];
    if (/^[1-9]\d*$/.test(inner)) found.positional.push(Number(inner));
    else if (NAMED_VARIABLE.test(inner)) found.named.push(inner);
    else found.invalid.push(match[0]);
  }
  return found;
}

/** Positional variables must be numbered 1..n without gaps (repeats are allowed). */
export function positionalGap(numbers: readonly number[]): number | null {
  const distinct = new Set(numbers);
  for (let n = 1; n <= distinct.size; n += 1) if (!distinct.has(n)) return n;
  return null;
}

/** How many values a text with these variables needs: distinct positions or distinct names. */
export function variableCount(variables: TemplateVariables): number {
  return new Set(variables.positional).size + new Set(variables.named).size;
}

/**
 * Meta refuses a template whose body starts or ends with a variable (error 100, subcode 2388299:
 * "variables can't be at the start or end of the template"). Spaces around the text do not count
 * as text. Linear: it looks only at the first and last non-blank characters.
 */
export function variableAtEdge(text: string): 'start' | 'end' | null {
  const trimmed = text.trim();
  if (/^\{\{[^{}]*\}\}/.test(trimmed)) return 'start';
  if (trimmed.endsWith('}}') && /\{\{[^{}]*\}\}$/.test(trimmed.slice(Math.max(0, trimmed.lastIndexOf('{{'))))) return 'end';
  return null;
}
