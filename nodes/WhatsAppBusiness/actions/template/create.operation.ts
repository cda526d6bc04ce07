import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { extractTemplateVariables, TEMPLATE_CATEGORIES } from '../../../shared/core';
import { bind, toJson } from '../../helpers/binding';
import { bool, json, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const properties: INodeProperties[] = [
  {
    displayName: 'Template Name',
    name: 'templateName',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. order_update',
    description: 'Lowercase letters, digits and underscores',
  },
  {
    displayName: 'Language',
    name: 'templateLanguage',
    type: 'string',
    required: true,
    default: 'en_US',
    placeholder: 'e.g. en_US',
  },
  {
    displayName: 'Category',
    name: 'category',
    type: 'options',
    options: TEMPLATE_CATEGORIES.map((value) => ({ name: value.charAt(0) + value.slice(1).toLowerCase(), value })),
    default: 'UTILITY',
  },
  {
    displayName: 'Define Components',
    name: 'componentsMode',
    type: 'options',
    options: [
      { name: 'Using Fields Below', value: 'fields', description: 'Header text, body and footer' },
      { name: 'Using JSON', value: 'json', description: "Meta's component list (HEADER, BODY, FOOTER, BUTTONS)" },
    ],
    default: 'fields',
  },
  {
    displayName: 'Header Text',
    name: 'componentHeader',
    type: 'string',
    default: '',
    description: 'Optional; up to 60 characters, at most one variable',
    displayOptions: { show: { componentsMode: ['fields'] } },
  },
  {
    displayName: 'Body Text',
    name: 'componentBody',
    type: 'string',
    typeOptions: { rows: 4 },
    required: true,
    default: '',
    placeholder: 'e.g. Hi {{1}}, your order {{2}} has shipped.',
    description: 'Variables are {{1}}, {{2}} and so on, or {{first_name}}-style names',
    displayOptions: { show: { componentsMode: ['fields'] } },
  },
  {
    displayName: 'Variable Examples',
    name: 'componentExamples',
    type: 'string',
    default: '',
    placeholder: 'e.g. Ana, 42',
    description:
      'One example per variable, comma-separated, in the order the variables first appear (header first, then body). Meta requires them for review.',
    displayOptions: { show: { componentsMode: ['fields'] } },
  },
  {
    displayName: 'Footer Text',
    name: 'componentFooter',
    type: 'string',
    default: '',
    description: 'Optional; up to 60 characters, no variables',
    displayOptions: { show: { componentsMode: ['fields'] } },
  },
  {
    displayName: 'Components (JSON)',
    name: 'componentsJson',
    type: 'json',
    required: true,
    default: '[\n  {\n    "type": "BODY",\n    "text": "Hi {{1}}, your order is ready.",\n    "example": { "body_text": [["Ana"]] }\n  }\n]',
    description: "Meta's component list, as in the template API (HEADER, BODY, FOOTER, BUTTONS, with examples for every variable)",
    displayOptions: { show: { componentsMode: ['json'] } },
  },
  {
    displayName: 'Allow Category Change',
    name: 'allowCategoryChange',
    type: 'boolean',
    default: false,
    description: 'Whether Meta may re-categorize the template instead of rejecting it',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['create'] } }, properties);

/**
 * A component with its examples: positional variables take the next examples as one row
 * (`body_text: [[...]]`, `header_text: [...]`), named ones `{param_name, example}` pairs.
 */
function withExamples(component: IDataObject, text: string, examples: string[], kind: 'header' | 'body'): IDataObject {
  const variables = extractTemplateVariables(text);
  const names = [...new Set(variables.named)];
  const positional = new Set(variables.positional).size;
  if (names.length > 0) {
    const pairs = names.map((param_name) => ({ param_name, example: examples.shift() ?? '' }));
    return { ...component, example: { [`${kind}_text_named_params`]: pairs } };
  }
  if (positional > 0) {
    const values = examples.splice(0, positional);
    return { ...component, example: { [`${kind}_text`]: kind === 'body' ? [values] : values } };
  }
  return component;
}

/** The simple form's fields as Meta's component list. */
export function componentsFromFields(get: ParamReader): IDataObject[] {
  const examples = str(get, 'componentExamples')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  const components: IDataObject[] = [];
  const headerText = optStr(get, 'componentHeader');
  if (headerText !== undefined) components.push(withExamples({ type: 'HEADER', format: 'TEXT', text: headerText }, headerText, examples, 'header'));
  const bodyText = str(get, 'componentBody');
  components.push(withExamples({ type: 'BODY', text: bodyText }, bodyText, examples, 'body'));
  const footerText = optStr(get, 'componentFooter');
  if (footerText !== undefined) components.push({ type: 'FOOTER', text: footerText });
  return components;
}

export function toInput(get: ParamReader): IDataObject {
  const input: IDataObject = {
    name: str(get, 'templateName').trim(),
    language: str(get, 'templateLanguage').trim(),
    category: str(get, 'category', 'UTILITY'),
    components: str(get, 'componentsMode', 'fields') === 'json' ? (json(get, 'componentsJson', []) as IDataObject[]) : componentsFromFields(get),
  };
  if (bool(get, 'allowCategoryChange')) input.allowCategoryChange = true;
  return input;
}

export const action = bind({
  operation: 'template.create',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
