import { connectionListInput, connectionListResult } from '../../schemas/connection';
import { defineOperation } from '../define';

export const listConnections = defineOperation({
  name: 'connection.list',
  resource: 'connection',
  title: 'List connections',
  description:
    'Maton only. Lists the WhatsApp Business OAuth connections of the Maton account (default app whatsapp-business), ' +
    'optionally only those in one status such as ACTIVE. Each connection id can be chosen per request as the Maton-Connection.',
  input: connectionListInput,
  result: connectionListResult,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['listConnections'],
  execute: (provider, input) => provider.listConnections(input),
});
