import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as markRead from './markRead.operation';
import * as send from './send.operation';
import * as sendTemplate from './sendTemplate.operation';

export { markRead, send, sendTemplate };

export const operationChoices: OperationChoice[] = [
  { name: 'Mark as Read', value: 'markRead', action: 'Mark a message as read', description: 'Show blue ticks, optionally with a typing indicator', operation: 'message.markRead' },
  { name: 'Send', value: 'send', action: 'Send a message', description: 'Text, media, location, contacts, interactive or reaction', operation: 'message.send' },
  {
    name: 'Send Template',
    value: 'sendTemplate',
    action: 'Send a template message',
    description: 'An approved template; works outside the 24-hour window',
    operation: 'message.send',
    kind: 'template',
  },
];

export const description: INodeProperties[] = [
  ...operationSelectors('message', operationChoices, 'send'),
  ...send.description,
  ...sendTemplate.description,
  ...markRead.description,
];
