import { phoneNumberGetInput } from '../../schemas/operation-inputs';
import { phoneNumber } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const getPhoneNumber = defineOperation({
  name: 'phoneNumber.get',
  resource: 'phoneNumber',
  title: 'Get phone number',
  description: 'Gets one business phone number: display number, verified name, quality rating, throughput and messaging limit tier.',
  input: phoneNumberGetInput,
  result: phoneNumber,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getPhoneNumber'],
  execute: (provider, input) => provider.getPhoneNumber(input),
});
