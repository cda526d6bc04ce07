import { connectionIdInput } from '../../schemas/connection';
import { deleteResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const deleteConnection = defineOperation({
  name: 'connection.delete',
  resource: 'connection',
  title: 'Delete connection',
  description: 'Maton only. Deletes a connection; requests naming it (or relying on it as the oldest active one) stop working.',
  input: connectionIdInput,
  result: deleteResult,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  requires: ['deleteConnection'],
  execute: (provider, input) => provider.deleteConnection(input),
});
