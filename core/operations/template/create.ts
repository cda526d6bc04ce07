import { templateCreateInput } from '../../schemas/operation-inputs';
import { templateCreateResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const createTemplate = defineOperation({
  name: 'template.create',
  resource: 'template',
  title: 'Create template',
  description:
    'Submits a new message template for review: name (lowercase, digits, underscores), category (MARKETING, UTILITY, ' +
    'AUTHENTICATION), language and components (HEADER, BODY, FOOTER, BUTTONS) in Meta\'s format. Variables are ' +
    'positional {{1}} or named {{first_name}}, each with an example. New templates start PENDING until Meta approves them.',
  input: templateCreateInput,
  result: templateCreateResult,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  requires: ['createTemplate'],
  execute: (provider, input) => provider.createTemplate(input),
});
