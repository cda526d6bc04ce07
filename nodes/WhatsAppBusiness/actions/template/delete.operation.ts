import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { compact, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

const properties: INodeProperties[] = [
  {
    displayName: 'Template Name',
    name: 'templateName',
    type: 'string',
    required: true,
    default: '',
    description: 'Deletes every language of this template; a deleted name cannot be reused for 30 days',
  },
  {
    displayName: 'Template ID',
    name: 'templateId',
    type: 'string',
    default: '',
    description: 'Optional: delete only this language version (the ID of the template with this name)',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['delete'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  return compact({ name: str(get, 'templateName').trim(), templateId: optStr(get, 'templateId') });
}

export const action = bind({
  operation: 'template.delete',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
