import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['phoneNumber'] } },
    options: [
      { name: 'Get', value: 'get', action: 'Get a phone number', description: 'Quality rating, status, throughput and limits' },
      { name: 'Get Many', value: 'getAll', action: 'Get many phone numbers', description: 'Every number of the WhatsApp Business Account' },
    ],
    default: 'getAll',
  },
  ...getAll.description,
  ...get.description,
];
