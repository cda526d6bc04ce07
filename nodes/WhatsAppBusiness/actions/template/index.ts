import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as create from './create.operation';
import * as deleteTemplate from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, deleteTemplate as delete, get, getAll };

export const operationChoices: OperationChoice[] = [
  { name: 'Create', value: 'create', action: 'Create a template', description: 'Submit a new template for review', operation: 'template.create' },
  { name: 'Delete', value: 'delete', action: 'Delete a template', operation: 'template.delete' },
  { name: 'Get', value: 'get', action: 'Get a template', operation: 'template.get' },
  { name: 'Get Many', value: 'getAll', action: 'Get many templates', description: 'Every page, one item per template', operation: 'template.list' },
];

export const description: INodeProperties[] = [
  ...operationSelectors('template', operationChoices, 'getAll'),
  ...getAll.description,
  ...get.description,
  ...create.description,
  ...deleteTemplate.description,
];
