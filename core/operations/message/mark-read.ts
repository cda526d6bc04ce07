import { markReadInput } from '../../schemas/operation-inputs';
import { successResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const markRead = defineOperation({
  name: 'message.markRead',
  resource: 'message',
  title: 'Mark message as read',
  description:
    'Marks an inbound message (and the ones before it) as read, showing blue ticks to the user; optionally shows a ' +
    'typing indicator until you reply or for up to 25 seconds.',
  input: markReadInput,
  result: successResult,
  annotations: { readOnly: false, destructive: false, idempotent: true },
  requires: ['markRead'],
  execute: (provider, input) => provider.markRead(input),
});
