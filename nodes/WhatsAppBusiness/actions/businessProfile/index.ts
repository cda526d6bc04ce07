import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as get from './get.operation';
import * as update from './update.operation';

export { get, update };

export const operationChoices: OperationChoice[] = [
  { name: 'Get', value: 'get', action: 'Get the business profile', operation: 'businessProfile.get' },
  { name: 'Update', value: 'update', action: 'Update the business profile', operation: 'businessProfile.update' },
];

export const description: INodeProperties[] = [
  ...operationSelectors('businessProfile', operationChoices, 'get'),
  ...get.description,
  ...update.description,
];
