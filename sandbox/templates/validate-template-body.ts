import { LIMITS, variableAtEdge, type JsonObject, type TemplateCategory } from 'whatsapp-business-core';
import { GraphError } from '../graph/graph-error';
import { Field } from '../validation/field';
import type { ParameterFormat } from './template-record';
import { analyzeVariables, type Variables } from './variables';

/** Authentication templates carry Meta's fixed wording; the code is their single positional variable. */
const AUTH_BODY = '*{{1}}* is your verification code.';
const AUTH_SECURITY_NOTE = ' For your security, do not share this code.';

export function validateTemplateBody(
  component: Field,
  category: TemplateCategory,
  parameterFormat: ParameterFormat,
): { stored: JsonObject; variables: Variables } {
  if (category === 'AUTHENTICATION') {
    component.object(['type', 'add_security_recommendation']);
    const security = component.child('add_security_recommendation').optionalBoolean() ?? false;
    return {
      stored: { type: 'BODY', text: AUTH_BODY + (security ? AUTH_SECURITY_NOTE : ''), add_security_recommendation: security },
      variables: { format: 'POSITIONAL', count: 1 },
    };
  }
  component.object(['type', 'text', 'example']);
  const textField = component.child('text');
  const text = textField.string({ min: 1, max: LIMITS.template.body });
  const analysis = analyzeVariables(text);
  if (!analysis.ok) return textField.invalid(analysis.reason);
  const variables = analysis.variables;
  const stored: JsonObject = { type: 'BODY', text };
  const example = component.child('example');
  if (variables.format === 'POSITIONAL' && variables.count === 0) {
    if (example.isPresent) example.object(['body_text', 'body_text_named_params']);
    return { stored, variables };
  }
  if (variables.format !== parameterFormat) {
    textField.invalid(
      variables.format === 'NAMED'
        ? 'named variables like {{first_name}} need parameter_format NAMED'
        : 'positional variables like {{1}} are not allowed with parameter_format NAMED',
    );
  }
  const exampleObject = example.object(['body_text', 'body_text_named_params']);
  if (variables.format === 'POSITIONAL') {
    const rows = example.child('body_text').array({ min: 1, max: 1, noun: 'example rows' });
    const values = rows[0].array({ min: variables.count, max: variables.count, noun: 'example values' });
    values.forEach((value) => value.string({ min: 1 }));
  } else {
    checkNamedExamples(example.child('body_text_named_params'), variables.names);
  }
  stored.example = exampleObject;
  // Checked last, so a missing example or a format mismatch is reported first, as before.
  const edge = variableAtEdge(text);
  if (edge !== null) {
    // Meta's answer: code 100, subcode 2388299, "Variables can't be at the start or end of the template".
    throw new GraphError(100, `${textField.path}: must not ${edge} with a variable (Meta refuses templates whose body starts or ends with one)`, {
      subcode: 2388299,
      userTitle: 'Variables can\'t be at the start or end of the template',
      userMessage: 'Add text before the first variable and after the last one.',
    });
  }
  return { stored, variables };
}

function checkNamedExamples(field: Field, names: readonly string[]): void {
  const params = field.array({ min: names.length, max: names.length, noun: 'named examples' });
  const seen = new Set<string>();
  for (const param of params) {
    param.object(['param_name', 'example']);
    const name = param.child('param_name').string({ min: 1 });
    if (!names.includes(name)) param.child('param_name').invalid(`'${name}' is not a variable of the body text`);
    if (seen.has(name)) param.child('param_name').invalid(`'${name}' is listed twice`);
    seen.add(name);
    param.child('example').string({ min: 1 });
  }
}
