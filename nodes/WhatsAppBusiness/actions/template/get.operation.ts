import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { bool, compact, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { simplifyTemplate } from '../../helpers/simplify';
import { simplifyProperty } from '../common.description';

const properties: INodeProperties[] = [
  {
    displayName: 'Get By',
    name: 'getBy',
    type: 'options',
    options: [
      { name: 'Name', value: 'name' },
      { name: 'ID', value: 'id' },
    ],
    default: 'name',
  },
  {
    displayName: 'Template Name',
    name: 'templateName',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. order_update',
    displayOptions: { show: { getBy: ['name'] } },
  },
  {
    displayName: 'Language',
    name: 'templateLanguage',
    type: 'string',
    default: '',
    placeholder: 'e.g. en_US',
    description: 'Needed when the name exists in several languages',
    displayOptions: { show: { getBy: ['name'] } },
  },
  {
    displayName: 'Template ID',
    name: 'templateId',
    type: 'string',
    required: true,
    default: '',
    displayOptions: { show: { getBy: ['id'] } },
  },
  simplifyProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['get'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  if (str(get, 'getBy', 'name') === 'id') return { templateId: str(get, 'templateId').trim() };
  return compact({ name: str(get, 'templateName').trim(), language: optStr(get, 'templateLanguage') });
}

export const action = bind({
  operation: 'template.get',
  toInput,
  toOutput: (result, get) => [{ json: bool(get, 'simplify', true) ? simplifyTemplate(result) : toJson(result) }],
});
