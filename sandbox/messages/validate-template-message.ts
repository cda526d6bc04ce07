import { GraphError } from '../graph/graph-error';
import type { TemplateRecord } from '../templates/template-record';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';
import { checkButtonComponents } from './template-send-buttons';
import { checkBodyParameters, checkHeaderParameters } from './template-send-text-parts';

const COMPONENT_TYPES = ['header', 'body', 'button'] as const;

/** Validates a template send and returns the template it names (for pricing and records). */
export function validateTemplateMessage(field: Field, deps: SendDeps): TemplateRecord {
  field.object(['name', 'language', 'components', 'namespace']);
  const name = field.child('name').string({ min: 1 });
  const language = field.child('language');
  language.object(['code', 'policy']);
  const code = language.child('code').string({ min: 1 });
  if (language.child('policy').isPresent) language.child('policy').oneOf(['deterministic'] as const);
  field.child('namespace').optionalString();

  const template = deps.templates.find(name, code);
  if (template === undefined) {
    throw new GraphError(132001, `template name (${name}) does not exist in ${code}`, { httpStatus: 404 });
  }
  if (template.status !== 'APPROVED') {
    throw new GraphError(132001, `template name (${name}) in ${code} is ${template.status}; only APPROVED templates can be sent`, {
      httpStatus: 404,
    });
  }

  const componentsField = field.child('components');
  const components = componentsField.optionalArray() ?? [];
  let header: Field | undefined;
  let body: Field | undefined;
  const buttons: Field[] = [];
  for (const component of components) {
    component.object(['type', 'sub_type', 'index', 'parameters']);
    const type = component.child('type').oneOf(COMPONENT_TYPES, { caseInsensitive: true });
    if (type !== 'button') {
      for (const key of ['sub_type', 'index']) {
        if (component.child(key).isPresent) component.child(key).unsupported(`only button components take ${key}`);
      }
    }
    if (type === 'header') {
      if (header !== undefined) componentsField.invalid('only one header component is allowed');
      header = component;
    } else if (type === 'body') {
      if (body !== undefined) componentsField.invalid('only one body component is allowed');
      body = component;
    } else {
      buttons.push(component);
    }
  }
  checkHeaderParameters(header, template, deps);
  checkBodyParameters(body, template, deps);
  checkButtonComponents(buttons, template, deps);
  return template;
}
