import type { INodeProperties } from 'n8n-workflow';
import * as markRead from './markRead.operation';
import * as send from './send.operation';
import * as sendTemplate from './sendTemplate.operation';

export { markRead, send, sendTemplate };

export const description: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: ['message'] } },
    options: [
      { name: 'Mark as Read', value: 'markRead', action: 'Mark a message as read', description: 'Show blue ticks, optionally with a typing indicator' },
      { name: 'Send', value: 'send', action: 'Send a message', description: 'Text, media, location, contacts, interactive or reaction' },
      { name: 'Send Template', value: 'sendTemplate', action: 'Send a template message', description: 'An approved template; works outside the 24-hour window' },
    ],
    default: 'send',
  },
  ...send.description,
  ...sendTemplate.description,
  ...markRead.description,
];
