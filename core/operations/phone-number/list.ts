import { phoneNumberListInput } from '../../schemas/operation-inputs';
import { phoneNumberListResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const listPhoneNumbers = defineOperation({
  name: 'phoneNumber.list',
  resource: 'phoneNumber',
  title: 'List phone numbers',
  description: 'Lists the business phone numbers of the WhatsApp Business Account with their quality rating, status and limits.',
  input: phoneNumberListInput,
  result: phoneNumberListResult,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['listPhoneNumbers'],
  execute: (provider, input) => provider.listPhoneNumbers(input),
});
