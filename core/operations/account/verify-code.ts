import { registrationVerifyInput, registrationVerifyResult } from '../../schemas/account';
import { defineOperation } from '../define';

export const verifyRegistrationCode = defineOperation({
  name: 'account.verifyCode',
  resource: 'account',
  title: 'Verify registration code',
  description:
    'WhatsApp On-Premises only. Second step of registration: submits the code received by SMS or voice call. The number ' +
    'then belongs to this client (and stops working wherever it was registered before).',
  input: registrationVerifyInput,
  result: registrationVerifyResult,
  annotations: { readOnly: false, destructive: true, idempotent: false },
  requires: ['verifyRegistrationCode'],
  execute: (provider, input) => provider.verifyRegistrationCode(input),
});
