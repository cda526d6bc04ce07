import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { compact, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const properties: INodeProperties[] = [
  {
    displayName: 'Country Code',
    name: 'countryCode',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. 1',
    description: 'The country calling code of the business number, without +',
  },
  {
    displayName: 'Phone Number',
    name: 'phoneNumber',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. 6315551234',
    description: 'The business number without its country code',
  },
  {
    displayName: 'Method',
    name: 'method',
    type: 'options',
    options: [
      { name: 'SMS', value: 'sms' },
      { name: 'Voice Call', value: 'voice' },
    ],
    default: 'sms',
    description: 'How WhatsApp sends the registration code',
  },
  {
    displayName: 'Certificate',
    name: 'cert',
    type: 'string',
    typeOptions: { rows: 3 },
    required: true,
    default: '',
    description: 'The base64 certificate WhatsApp Manager shows once the display name is approved',
  },
  {
    displayName: 'Two-Step Verification PIN',
    name: 'pin',
    type: 'string',
    typeOptions: { password: true },
    default: '',
    description: 'Only when the number has two-step verification: its 6-digit PIN',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['requestCode'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  return compact({
    countryCode: str(get, 'countryCode').trim().replace(/^\+/, ''),
    phoneNumber: str(get, 'phoneNumber').trim(),
    method: str(get, 'method', 'sms'),
    cert: str(get, 'cert').replace(/\s+/g, ''),
    pin: optStr(get, 'pin'),
  });
}

/** status code_sent (verify the code next) or already_registered. */
export const action = bind({
  operation: 'account.requestCode',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
