import { LIMITS } from 'whatsapp-business-core';
import type { HeaderFormat, TemplateRecord } from '../templates/template-record';
import { variableCount, type Variables } from '../templates/variables';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';
import { checkValue, countMismatch, formatMismatch, readParameter, type ParameterInfo, type ParameterType } from './template-parameters';

const MEDIA_HEADER_PARAMETER: Record<Exclude<HeaderFormat, 'TEXT'>, ParameterType> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location',
};

/** The header component of a template send (or its absence) against the template's HEADER. */
export function checkHeaderParameters(component: Field | undefined, template: TemplateRecord, deps: SendDeps): void {
  const header = template.shape.header;
  const params = readParameters(component);
  const path = component?.path ?? 'template.components';
  if (header === null || (header.format === 'TEXT' && variableCount(header.variables) === 0)) {
    if (params.length > 0) {
      throw countMismatch(`${path}: template '${template.name}' has no header variables, expected 0 header parameters (got ${params.length})`);
    }
    return;
  }
  if (header.format === 'TEXT') {
    checkVariables(params, header.variables, ['text'], path, 'header', deps, LIMITS.template.headerTextParameter);
    return;
  }
  const expected = MEDIA_HEADER_PARAMETER[header.format];
  if (params.length !== 1) {
    throw countMismatch(`${path}: template '${template.name}' has a ${header.format} header and expects 1 header parameter of type ${expected} (got ${params.length})`);
  }
  if (params[0].type !== expected) {
    throw formatMismatch(`${params[0].field.path}.type: the template header is ${header.format}, so the parameter must be of type ${expected} (got ${params[0].type})`);
  }
  checkValue(params[0], deps, LIMITS.template.headerTextParameter);
}

export function checkBodyParameters(component: Field | undefined, template: TemplateRecord, deps: SendDeps): void {
  const params = readParameters(component);
  const path = component?.path ?? 'template.components';
  checkVariables(params, template.shape.body, ['text', 'currency', 'date_time'], path, 'body', deps, LIMITS.template.textParameter);
}

function readParameters(component: Field | undefined): ParameterInfo[] {
  if (component === undefined) return [];
  return (component.child('parameters').optionalArray() ?? []).map(readParameter);
}

/**
 * Positional templates take parameters in order; named templates take each variable once by
 * parameter_name. Sending one style to a template of the other is a format mismatch (132012);
 * a wrong number or set of parameters is a count mismatch (132000).
 */
function checkVariables(
  params: ParameterInfo[],
  variables: Variables,
  allowed: readonly ParameterType[],
  path: string,
  part: 'header' | 'body',
  deps: SendDeps,
  textMax: number,
): void {
  const named = params.filter((param) => param.name !== undefined);
  if (variables.format === 'POSITIONAL') {
    if (named.length > 0) {
      throw formatMismatch(`${named[0].field.path}.parameter_name: the template uses positional {{1}} variables, so ${part} parameters take no parameter_name`);
    }
    if (params.length !== variables.count) {
      throw countMismatch(`${path}: the template ${part} has ${variables.count} variable${variables.count === 1 ? '' : 's'}, expected ${variables.count} ${part} parameters (got ${params.length})`);
    }
  } else {
    if (params.length > 0 && named.length === 0) {
      throw formatMismatch(`${path}: the template uses named variables, so every ${part} parameter needs a parameter_name`);
    }
    const unnamed = params.find((param) => param.name === undefined);
    if (unnamed !== undefined) throw countMismatch(`${unnamed.field.path}.parameter_name: required for a template with named variables`);
    const given = params.map((param) => param.name ?? '');
    // Sets, not indexOf/includes over the parameters: a request may carry any number of them.
    const seen = new Set<string>();
    let duplicate: string | undefined;
    for (const name of given) {
      if (seen.has(name)) duplicate ??= name;
      seen.add(name);
    }
    const expected = new Set(variables.names);
    const missing = variables.names.filter((name) => !seen.has(name));
    const unexpected = given.filter((name) => !expected.has(name));
    if (duplicate !== undefined || missing.length > 0 || unexpected.length > 0) {
      const problems = [
        missing.length > 0 ? `missing ${listed(missing)}` : '',
        unexpected.length > 0 ? `unknown ${listed(unexpected)}` : '',
        duplicate !== undefined ? `duplicate ${duplicate}` : '',
      ].filter((problem) => problem !== '');
      throw countMismatch(`${path}: ${part} parameter names must be exactly ${variables.names.join(', ') || '(none)'} (${problems.join('; ')})`);
    }
  }
  for (const param of params) {
    if (!allowed.includes(param.type)) {
      throw formatMismatch(`${param.field.path}.type: ${part} parameters must be of type ${allowed.join(', ')} (got ${param.type})`);
    }
    checkValue(param, deps, textMax);
  }
}

/** Names for an error message: the first ten, then how many more (a request may send thousands). */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}
