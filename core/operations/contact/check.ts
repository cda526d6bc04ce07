import { contactCheckInput, contactCheckResult } from '../../schemas/contact';
import { defineOperation } from '../define';

export const checkContacts = defineOperation({
  name: 'contact.check',
  resource: 'contact',
  title: 'Check contacts',
  description:
    'WhatsApp On-Premises only. Tells which phone numbers are on WhatsApp (valid, with their WhatsApp id), which are not ' +
    '(invalid) and which are still being resolved (processing).',
  input: contactCheckInput,
  result: contactCheckResult,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['checkContacts'],
  execute: (provider, input) => provider.checkContacts(input),
});
