import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as create from './create.operation';
import * as deleteConnection from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, deleteConnection as delete, get, getAll };

/** Maton's OAuth connections (each is one authorized WhatsApp Business account). */
export const operationChoices: OperationChoice[] = [
  {
    name: 'Create',
    value: 'create',
    action: 'Create a connection',
    description: 'Start a new connection; open the returned URL to authorize it',
    operation: 'connection.create',
  },
  { name: 'Delete', value: 'delete', action: 'Delete a connection', operation: 'connection.delete' },
  { name: 'Get', value: 'get', action: 'Get a connection', operation: 'connection.get' },
  { name: 'Get Many', value: 'getAll', action: 'Get many connections', description: 'One item per connection of the Maton account', operation: 'connection.list' },
];

export const description: INodeProperties[] = [
  ...operationSelectors('connection', operationChoices, 'getAll'),
  ...getAll.description,
  ...create.description,
  ...get.description,
  ...deleteConnection.description,
];
