import { extractTemplateVariables, positionalGap } from 'whatsapp-business-core';

/**
 * What a template text asks of a send: positional `{{1}}`, `{{2}}` ... or named `{{first_name}}`.
 * Finding the variables is core's rule (`extractTemplateVariables`); what the sandbox adds is
 * Meta's review verdict on them, with details a client developer can act on.
 */
export type Variables = { format: 'POSITIONAL'; count: number } | { format: 'NAMED'; names: string[] };

export type VariableAnalysis = { ok: true; variables: Variables } | { ok: false; reason: string };

export const NO_VARIABLES: Variables = { format: 'POSITIONAL', count: 0 };

/** One style per text, valid names, positions 1..n without gaps (repeats allowed). */
export function analyzeVariables(text: string): VariableAnalysis {
  const found = extractTemplateVariables(text);
  if (found.invalid.length > 0) {
    return {
      ok: false,
      reason: `variable ${found.invalid[0]} is neither positional ({{1}}) nor a lowercase snake_case name ({{first_name}})`,
    };
  }
  if (found.positional.length > 0 && found.named.length > 0) {
    return { ok: false, reason: 'positional ({{1}}) and named ({{first_name}}) variables cannot be mixed' };
  }
  if (found.named.length > 0) return { ok: true, variables: { format: 'NAMED', names: [...new Set(found.named)] } };
  const count = new Set(found.positional).size;
  const gap = positionalGap(found.positional);
  if (gap !== null) {
    return { ok: false, reason: `positional variables must be numbered {{1}} to {{${count}}} without gaps ({{${gap}}} is missing)` };
  }
  return { ok: true, variables: { format: 'POSITIONAL', count } };
}

/** Every placeholder in the text, valid or not (URL buttons allow exactly one). */
export function placeholderCount(text: string): number {
  const found = extractTemplateVariables(text);
  return found.positional.length + found.named.length + found.invalid.length;
}

export function variableCount(variables: Variables): number {
  return variables.format === 'POSITIONAL' ? variables.count : variables.names.length;
}
