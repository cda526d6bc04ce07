import { businessProfileUpdateInput } from '../../schemas/operation-inputs';
import { businessProfileUpdateResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const updateBusinessProfile = defineOperation({
  name: 'businessProfile.update',
  resource: 'businessProfile',
  title: 'Update business profile',
  description:
    'Updates the fields given (others stay as they are): about (1-139 characters), address (256), description (256), ' +
    'email (128), up to 2 websites, industry (vertical), picture (upload handle).',
  input: businessProfileUpdateInput,
  result: businessProfileUpdateResult,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  requires: ['updateBusinessProfile'],
  execute: (provider, input) => provider.updateBusinessProfile(input),
});
