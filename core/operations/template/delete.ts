import { templateDeleteInput } from '../../schemas/operation-inputs';
import { deleteResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const deleteTemplate = defineOperation({
  name: 'template.delete',
  resource: 'template',
  title: 'Delete template',
  description:
    'Deletes a template by name (every language), or one language version by name and template id. A deleted ' +
    'name cannot be reused for 30 days.',
  input: templateDeleteInput,
  result: deleteResult,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  requires: ['deleteTemplate'],
  execute: (provider, input) => provider.deleteTemplate(input),
});
