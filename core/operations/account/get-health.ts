import { accountHealth, accountHealthInput } from '../../schemas/account';
import { defineOperation } from '../define';

export const getAccountHealth = defineOperation({
  name: 'account.getHealth',
  resource: 'account',
  title: 'Get health',
  description:
    'WhatsApp On-Premises only. Reports whether the client is connected to WhatsApp (gateway_status per node) and so ' +
    'ready to send; "uninitialized" or "unregistered" means the number still has to be registered.',
  input: accountHealthInput,
  result: accountHealth,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getHealth'],
  execute: (provider, input) => provider.getHealth(input),
});
