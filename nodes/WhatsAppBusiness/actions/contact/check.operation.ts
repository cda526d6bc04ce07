import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const properties: INodeProperties[] = [
  {
    displayName: 'Phone Numbers',
    name: 'contacts',
    type: 'string',
    typeOptions: { rows: 3 },
    required: true,
    default: '',
    placeholder: 'e.g. +1 (516) 283-7151, 6315551003',
    description: 'One or more numbers in any common format, separated by commas or new lines (at most 1000)',
  },
  {
    displayName: 'Wait for Results',
    name: 'blocking',
    type: 'options',
    options: [
      { name: 'Wait', value: 'wait', description: 'Answer once every number is resolved' },
      { name: 'Do Not Wait', value: 'no_wait', description: 'Answer at once; unresolved numbers come back as "processing"' },
    ],
    default: 'wait',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['check'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  const value = get('contacts', '');
  const list = Array.isArray(value) ? value.map(String) : str(get, 'contacts').split(/[,\n;]/);
  return { contacts: list.map((number) => number.trim()).filter((number) => number !== ''), blocking: str(get, 'blocking', 'wait') };
}

/** One item per number: valid (on WhatsApp, with its waId), invalid or processing. */
export const action = bind({
  operation: 'contact.check',
  toInput,
  toOutput: (result) => result.contacts.map((contact) => ({ json: toJson(contact) })),
});
