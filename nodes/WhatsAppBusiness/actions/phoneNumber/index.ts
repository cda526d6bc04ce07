import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const operationChoices: OperationChoice[] = [
  { name: 'Get', value: 'get', action: 'Get a phone number', description: 'Quality rating, status, throughput and limits', operation: 'phoneNumber.get' },
  { name: 'Get Many', value: 'getAll', action: 'Get many phone numbers', description: 'Every number of the WhatsApp Business Account', operation: 'phoneNumber.list' },
];

export const description: INodeProperties[] = [
  ...operationSelectors('phoneNumber', operationChoices, 'getAll'),
  ...getAll.description,
  ...get.description,
];
