import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '../../../shared/core';
import { bind, toJson } from '../../helpers/binding';
import { bool, collection, compact, numeric, optField } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { simplifyTemplate } from '../../helpers/simplify';
import { simplifyProperty } from '../common.description';

const titleCase = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

const properties: INodeProperties[] = [
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: true,
    description: 'Whether to return all results or only up to a given limit',
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 50,
    description: 'Max number of results to return',
    displayOptions: { show: { returnAll: [false] } },
  },
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    options: [
      {
        displayName: 'Category',
        name: 'category',
        type: 'options',
        options: TEMPLATE_CATEGORIES.map((value) => ({ name: titleCase(value), value })),
        default: 'UTILITY',
      },
      { displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'e.g. en_US' },
      { displayName: 'Name Contains', name: 'name', type: 'string', default: '' },
      {
        displayName: 'Status',
        name: 'status',
        type: 'options',
        options: TEMPLATE_STATUSES.map((value) => ({ name: titleCase(value), value })),
        default: 'APPROVED',
      },
    ],
  },
  simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getAll'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  const filters = collection(get, 'filters');
  return compact({
    limit: bool(get, 'returnAll', true) ? undefined : (numeric(get, 'limit') ?? 50),
    name: optField(filters, 'name'),
    status: optField(filters, 'status'),
    category: optField(filters, 'category'),
    language: optField(filters, 'language'),
  });
}

export const action = bind({
  operation: 'template.list',
  toInput,
  toOutput: (result, get) => {
    const simplify = bool(get, 'simplify', true);
    return result.templates.map((template) => ({ json: simplify ? simplifyTemplate(template) : toJson(template) }));
  },
});
