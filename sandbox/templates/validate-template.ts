import { isTemplateLanguage, LANGUAGE_CODE_PATTERN, LIMITS, TEMPLATE_CATEGORIES, TEMPLATE_LANGUAGE_EXAMPLES, type JsonObject, type TemplateCategory } from 'whatsapp-business-core';
import { GraphError } from '../graph/graph-error';
import { Field } from '../validation/field';
import type { ParameterFormat, TemplateShape } from './template-record';
import { validateTemplateBody } from './validate-template-body';
import { validateTemplateButtons } from './validate-template-buttons';
import { validateTemplateFooter } from './validate-template-footer';
import { validateTemplateHeader } from './validate-template-header';

export interface TemplateDefinition {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  components: JsonObject[];
  shape: TemplateShape;
}

const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER'] as const;
type ComponentType = (typeof COMPONENT_TYPES)[number];

/**
 * Carousel and limited-time-offer components are accepted as given, like core's catalogue
 * (`passThrough`) does: their rules are in neither core's facts nor the sandbox, so only their
 * shape (an object with a type) and the one-of-each rule are checked.
 */
const PASS_THROUGH: readonly ComponentType[] = ['CAROUSEL', 'LIMITED_TIME_OFFER'];

/**
 * Checks a POST /{waba-id}/message_templates body. Meta reports every template rule violation as
 * code 100, so whatever code a check raises is re-issued as 100 with the same details.
 */
export function validateTemplateDefinition(body: Field): TemplateDefinition {
  try {
    return validate(body);
  } catch (error) {
    if (error instanceof GraphError && error.code !== 100) throw new GraphError(100, error.details);
    throw error;
  }
}

function validate(body: Field): TemplateDefinition {
  body.object(['name', 'category', 'language', 'components', 'parameter_format', 'allow_category_change']);
  const nameField = body.child('name');
  const name = nameField.string({ min: 1, max: LIMITS.template.name });
  if (!LIMITS.template.namePattern.test(name)) {
    nameField.invalid('may contain only lowercase letters, digits and underscores');
  }
  const category = body.child('category').oneOf(TEMPLATE_CATEGORIES, { caseInsensitive: true });
  const languageField = body.child('language');
  const language = languageField.string({ min: 1 });
  if (!LANGUAGE_CODE_PATTERN.test(language)) {
    languageField.invalid(`'${language}' is not a language code like en or en_US`);
  }
  if (!isTemplateLanguage(language)) {
    languageField.unsupported(`'${language}' is not one of the languages Meta supports for templates (e.g. ${TEMPLATE_LANGUAGE_EXAMPLES})`);
  }
  body.child('allow_category_change').optionalBoolean();
  const parameterFormat = body.child('parameter_format').isPresent
    ? body.child('parameter_format').oneOf(['POSITIONAL', 'NAMED'] as const, { caseInsensitive: true })
    : 'POSITIONAL';

  const componentsField = body.child('components');
  const components = componentsField.array({ min: 1, max: COMPONENT_TYPES.length, noun: 'components' });
  const byType = new Map<ComponentType, Field>();
  const order: ComponentType[] = [];
  for (const component of components) {
    component.object();
    const type = component.child('type').oneOf(COMPONENT_TYPES, { caseInsensitive: true });
    if (byType.has(type)) componentsField.invalid(`only one ${type} component is allowed`);
    byType.set(type, component);
    order.push(type);
  }
  const bodyComponent = byType.get('BODY');
  if (bodyComponent === undefined) return componentsField.invalid('a BODY component is required');

  const header = byType.get('HEADER');
  if (header !== undefined && category === 'AUTHENTICATION') header.unsupported('AUTHENTICATION templates have no HEADER');
  const headerResult = header === undefined ? null : validateTemplateHeader(header, parameterFormat);
  const bodyResult = validateTemplateBody(bodyComponent, category, parameterFormat);
  const footer = byType.get('FOOTER');
  const footerStored = footer === undefined ? null : validateTemplateFooter(footer, category);
  const buttons = byType.get('BUTTONS');
  if (buttons === undefined && category === 'AUTHENTICATION') {
    componentsField.invalid('an AUTHENTICATION template needs a BUTTONS component with one OTP button');
  }
  const buttonsResult = buttons === undefined ? null : validateTemplateButtons(buttons, category);

  const stored = new Map<ComponentType, JsonObject>();
  if (headerResult !== null) stored.set('HEADER', headerResult.stored);
  stored.set('BODY', bodyResult.stored);
  if (footerStored !== null) stored.set('FOOTER', footerStored);
  if (buttonsResult !== null) stored.set('BUTTONS', buttonsResult.stored);
  for (const type of PASS_THROUGH) {
    const component = byType.get(type);
    if (component !== undefined) stored.set(type, { ...component.object(), type });
  }
  return {
    name,
    language,
    category,
    parameterFormat,
    // In the client's order: carousel and offer components have no fixed place among the others.
    components: order.map((type) => stored.get(type)).filter((component) => component !== undefined),
    shape: {
      header: headerResult === null ? null : headerResult.shape,
      body: bodyResult.variables,
      buttons: buttonsResult === null ? [] : buttonsResult.shapes,
    },
  };
}
