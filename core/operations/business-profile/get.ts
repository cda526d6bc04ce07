import { businessProfileGetInput } from '../../schemas/operation-inputs';
import { businessProfile } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const getBusinessProfile = defineOperation({
  name: 'businessProfile.get',
  resource: 'businessProfile',
  title: 'Get business profile',
  description: 'Gets the business profile customers see: about text, address, description, email, websites, industry and picture.',
  input: businessProfileGetInput,
  result: businessProfile,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getBusinessProfile'],
  execute: (provider, input) => provider.getBusinessProfile(input),
});
