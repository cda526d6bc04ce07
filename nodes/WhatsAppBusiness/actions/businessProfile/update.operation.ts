import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { BUSINESS_VERTICALS } from '../../../shared/core';
import { bind, toJson } from '../../helpers/binding';
import { collection, compact, optField, optStr } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { phoneNumberIdProperty } from '../common.description';

const properties: INodeProperties[] = [
  { ...phoneNumberIdProperty, displayName: 'Phone Number Name or ID' },
  {
    displayName: 'Update Fields',
    name: 'updateFields',
    type: 'collection',
    placeholder: 'Add Field',
    default: {},
    options: [
      { displayName: 'About', name: 'about', type: 'string', default: '', description: '1 to 139 characters' },
      { displayName: 'Address', name: 'address', type: 'string', default: '', description: 'Up to 256 characters' },
      { displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Up to 256 characters' },
      { displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
      {
        displayName: 'Industry',
        name: 'vertical',
        type: 'options',
        options: BUSINESS_VERTICALS.map((value) => ({ name: value, value })),
        default: 'OTHER',
      },
      {
        displayName: 'Profile Picture Handle',
        name: 'profilePictureHandle',
        type: 'string',
        default: '',
        description: "A handle from Meta's Resumable Upload API",
      },
      {
        displayName: 'Websites',
        name: 'websites',
        type: 'string',
        default: '',
        placeholder: 'e.g. https://example.com, https://shop.example.com',
        description: 'Up to 2 URLs, comma-separated',
      },
    ],
  },
];

export const description = updateDisplayOptions({ show: { resource: ['businessProfile'], operation: ['update'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  const fields = collection(get, 'updateFields');
  const websites = optField(fields, 'websites');
  return compact({
    phoneNumberId: optStr(get, 'phoneNumberId'),
    about: optField(fields, 'about'),
    address: optField(fields, 'address'),
    description: optField(fields, 'description'),
    email: optField(fields, 'email'),
    vertical: optField(fields, 'vertical'),
    profilePictureHandle: optField(fields, 'profilePictureHandle'),
    websites: websites === undefined ? undefined : websites.split(',').map((url) => url.trim()).filter((url) => url !== ''),
  });
}

export const action = bind({
  operation: 'businessProfile.update',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
