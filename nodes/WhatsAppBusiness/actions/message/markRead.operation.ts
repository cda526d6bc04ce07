import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { bool, compact, optStr, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { phoneNumberIdProperty } from '../common.description';

const properties: INodeProperties[] = [
  phoneNumberIdProperty,
  {
    displayName: 'Message ID',
    name: 'messageId',
    type: 'string',
    required: true,
    default: '',
    placeholder: 'e.g. wamid.HBgL...',
    description: 'The ID (wamid) of the inbound message to mark as read; earlier messages are marked read too',
  },
  {
    displayName: 'Show Typing Indicator',
    name: 'typingIndicator',
    type: 'boolean',
    default: false,
    description: 'Whether to show "typing…" to the user until you reply (at most 25 seconds)',
  },
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['markRead'] } }, properties);

export function toInput(get: ParamReader): IDataObject {
  return compact({
    phoneNumberId: optStr(get, 'phoneNumberId'),
    messageId: str(get, 'messageId').trim(),
    typingIndicator: bool(get, 'typingIndicator') || undefined,
  });
}

export const action = bind({
  operation: 'message.markRead',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
