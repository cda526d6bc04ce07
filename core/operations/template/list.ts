import { templateListInput } from '../../schemas/operation-inputs';
import { templateListResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const listTemplates = defineOperation({
  name: 'template.list',
  resource: 'template',
  title: 'List templates',
  description:
    'Lists the message templates of the WhatsApp Business Account, following every page, or up to `limit` ' +
    '(`hasMore` tells when more exist). Filters: name (contains), status, category, language.',
  input: templateListInput,
  result: templateListResult,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['listTemplates'],
  execute: (provider, input) => provider.listTemplates(input),
});
