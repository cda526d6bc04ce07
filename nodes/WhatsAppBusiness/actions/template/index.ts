import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, deleteTemplate as delete, get, getAll };

export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['template'] } },
    options: [
      { name: 'Create', value: 'create', action: 'Create a template', description: 'Submit a new template for review' },
      { name: 'Delete', value: 'delete', action: 'Delete a template' },
      { name: 'Get', value: 'get', action: 'Get a template' },
      { name: 'Get Many', value: 'getAll', action: 'Get many templates', description: 'Every page, one item per template' },
    ],
    default: 'getAll',
  },
  ...getAll.description,
  ...get.description,
  ...create.description,
  ...deleteTemplate.description,
];
