import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const properties: INodeProperties[] = [
  {
    displayName: 'Code',
    name: 'code',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. 123456',
    description: 'The 6-digit code received by SMS or voice call. The number then belongs to this client and stops working wherever it was registered before.',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['verifyCode'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  // People copy codes as "123-456".
  return { code: str(get, 'code').replace(/[\s-]/g, '') };
}

export const action = bind({
  operation: 'account.verifyCode',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
