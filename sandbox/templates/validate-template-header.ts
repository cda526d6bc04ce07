import { LIMITS, type JsonObject } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import type { HeaderFormat, ParameterFormat, TemplateShape } from './template-record';
import { analyzeVariables, NO_VARIABLES, variableCount } from './variables';

const HEADER_FORMATS: readonly HeaderFormat[] = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];

export function validateTemplateHeader(
  component: Field,
  parameterFormat: ParameterFormat,
): { stored: JsonObject; shape: NonNullable<TemplateShape['header']> } {
  component.object(['type', 'format', 'text', 'example']);
  const format = component.child('format').oneOf(HEADER_FORMATS, { caseInsensitive: true });
  if (format === 'TEXT') return textHeader(component, parameterFormat);
  const example = component.child('example');
  if (format === 'LOCATION') {
    if (component.child('text').isPresent) component.child('text').unsupported('a LOCATION header has no text');
    if (example.isPresent) example.unsupported('a LOCATION header takes no example');
    return { stored: { type: 'HEADER', format }, shape: { format, variables: NO_VARIABLES } };
  }
  if (component.child('text').isPresent) component.child('text').unsupported(`a ${format} header has no text`);
  const exampleObject = example.object(['header_handle']);
  const handles = example.child('header_handle').array({ min: 1, noun: 'media handles' });
  handles.forEach((handle) => handle.string({ min: 1 }));
  return {
    stored: { type: 'HEADER', format, example: exampleObject },
    shape: { format, variables: NO_VARIABLES },
  };
}

function textHeader(
  component: Field,
  parameterFormat: ParameterFormat,
): { stored: JsonObject; shape: NonNullable<TemplateShape['header']> } {
  const textField = component.child('text');
  const text = textField.string({ min: 1, max: LIMITS.template.headerText });
  const analysis = analyzeVariables(text);
  if (!analysis.ok) return textField.invalid(analysis.reason);
  const variables = analysis.variables;
  const count = variableCount(variables);
  if (count > LIMITS.template.headerVariables) {
    textField.invalid(`at most ${LIMITS.template.headerVariables} variable allowed in a TEXT header (got ${count})`);
  }
  const stored: JsonObject = { type: 'HEADER', format: 'TEXT', text };
  if (count === 0) {
    if (component.child('example').isPresent) component.child('example').object(['header_text', 'header_text_named_params']);
    return { stored, shape: { format: 'TEXT', variables } };
  }
  if (variables.format !== parameterFormat) {
    textField.invalid(`${variables.format.toLowerCase()} variables need parameter_format ${variables.format}`);
  }
  const example = component.child('example');
  const exampleObject = example.object(['header_text', 'header_text_named_params']);
  if (variables.format === 'POSITIONAL') {
    const values = example.child('header_text').array({ min: 1, max: 1, noun: 'example values' });
    values[0].string({ min: 1 });
  } else {
    const params = example.child('header_text_named_params').array({ min: 1, max: 1, noun: 'named examples' });
    params[0].object(['param_name', 'example']);
    const name = params[0].child('param_name').string({ min: 1 });
    if (name !== variables.names[0]) {
      params[0].child('param_name').invalid(`must be '${variables.names[0]}' to match the header text (got '${name}')`);
    }
    params[0].child('example').string({ min: 1 });
  }
  stored.example = exampleObject;
  return { stored, shape: { format: 'TEXT', variables } };
}
