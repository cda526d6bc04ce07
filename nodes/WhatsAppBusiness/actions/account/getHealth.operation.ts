import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';

/** Nothing to choose: the client is the credential's. */
export const description: INodeProperties[] = [];

export function toInput(): IDataObject {
  return {};
}

export const action = bind({
  operation: 'account.getHealth',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
