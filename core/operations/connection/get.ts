import { connection, connectionIdInput } from '../../schemas/connection';
import { defineOperation } from '../define';

export const getConnection = defineOperation({
  name: 'connection.get',
  resource: 'connection',
  title: 'Get connection',
  description: 'Maton only. Returns one connection: its status (ACTIVE once authorized), app, dates and authorization url.',
  input: connectionIdInput,
  result: connection,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getConnection'],
  execute: (provider, input) => provider.getConnection(input),
});
