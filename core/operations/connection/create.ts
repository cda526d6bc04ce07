import { connection, connectionCreateInput } from '../../schemas/connection';
import { defineOperation } from '../define';

export const createConnection = defineOperation({
  name: 'connection.create',
  resource: 'connection',
  title: 'Create connection',
  description:
    'Maton only. Starts a new WhatsApp Business connection and returns its url: a person must open it in a browser and ' +
    'finish the OAuth authorization before the connection becomes ACTIVE.',
  input: connectionCreateInput,
  result: connection,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  requires: ['createConnection'],
  execute: (provider, input) => provider.createConnection(input),
});
