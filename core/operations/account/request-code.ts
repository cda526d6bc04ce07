import { registrationCodeInput, registrationCodeResult } from '../../schemas/account';
import { defineOperation } from '../define';

export const requestRegistrationCode = defineOperation({
  name: 'account.requestCode',
  resource: 'account',
  title: 'Request registration code',
  description:
    'WhatsApp On-Premises only. First step of registering the business number on this client: sends a code by SMS or ' +
    'voice call (status code_sent; then verify it) or reports that the number is already registered.',
  input: registrationCodeInput,
  result: registrationCodeResult,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  requires: ['requestRegistrationCode'],
  execute: (provider, input) => provider.requestRegistrationCode(input),
});
