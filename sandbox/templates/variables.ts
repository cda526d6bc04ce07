/**
 * Template variables: positional `{{1}}`, `{{2}}` ... or named `{{first_name}}`. A text uses one
 * style only; positional numbers start at 1 without gaps.
 */
export type Variables = { format: 'POSITIONAL'; count: number } | { format: 'NAMED'; names: string[] };

export type VariableAnalysis = { ok: true; variables: Variables } | { ok: false; reason: string };

const VARIABLE = /\{\{([^{}]*)\}\}/g;
const POSITIONAL = /^[1-9]\d*$/;
const NAMED = /^[a-z][a-z0-9_]*$/;

export const NO_VARIABLES: Variables = { format: 'POSITIONAL', count: 0 };

export function variableTokens(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1]);
}

export function analyzeVariables(text: string): VariableAnalysis {
  const tokens = variableTokens(text);
  if (tokens.length === 0) return { ok: true, variables: NO_VARIABLES };
  const invalid = tokens.find((token) => !POSITIONAL.test(token) && !NAMED.test(token));
  if (invalid !== undefined) {
    return {
      ok: false,
      reason: `variable {{${invalid}}} is neither positional ({{1}}) nor a lowercase snake_case name ({{first_name}})`,
    };
  }
  const positional = tokens.filter((token) => POSITIONAL.test(token));
  if (positional.length > 0 && positional.length < tokens.length) {
    return { ok: false, reason: 'positional ({{1}}) and named ({{first_name}}) variables cannot be mixed' };
  }
  if (positional.length === 0) return { ok: true, variables: { format: 'NAMED', names: [...new Set(tokens)] } };
  const numbers = [...new Set(positional.map(Number))].sort((a, b) => a - b);
  const gap = numbers.findIndex((number, index) => number !== index + 1);
  if (gap >= 0) {
    return {
      ok: false,
      reason: `positional variables must be numbered {{1}} to {{${numbers.length}}} without gaps (found {{${numbers[gap]}}})`,
    };
  }
  return { ok: true, variables: { format: 'POSITIONAL', count: numbers.length } };
}

export function variableCount(variables: Variables): number {
  return variables.format === 'POSITIONAL' ? variables.count : variables.names.length;
}
