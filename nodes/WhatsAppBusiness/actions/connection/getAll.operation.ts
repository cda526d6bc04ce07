import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { collection, compact, optField, optStr } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { appProperty } from './appName.description';

const properties: INodeProperties[] = [
  appProperty,
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    options: [
      {
        displayName: 'Status',
        name: 'status',
        type: 'string',
        default: 'ACTIVE',
        placeholder: 'e.g. ACTIVE',
        description: 'Only connections in this Maton status (upper case); ACTIVE ones are authorized and usable',
      },
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['connection'], operation: ['getAll'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  return compact({ app: optStr(get, 'app'), status: optField(collection(get, 'filters'), 'status') });
}

/** One item per connection. */
export const action = bind({
  operation: 'connection.list',
  toInput,
  toOutput: (result) => result.connections.map((connection) => ({ json: toJson(connection) })),
});
