import { WhatsAppApiError } from '../../errors/other-errors';
import { WhatsAppValidationError } from '../../errors/validation-error';
import { templateGetInput } from '../../schemas/operation-inputs';
import { template } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const getTemplate = defineOperation({
  name: 'template.get',
  resource: 'template',
  title: 'Get template',
  description:
    'Gets one template with its components, status and quality, by id, or by exact name (plus language when the ' +
    'name exists in several languages).',
  input: templateGetInput,
  result: template,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getTemplateById', 'listTemplates'],
  async execute(provider, input) {
    if (input.templateId !== undefined) return provider.getTemplateById({ wabaId: input.wabaId, templateId: input.templateId });
    const name = input.name ?? '';
    const { templates } = await provider.listTemplates({ wabaId: input.wabaId, name, language: input.language });
    const matches = templates.filter((t) => t.name === name && (input.language === undefined || t.language === input.language));
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) {
      throw new WhatsAppApiError({
        message: `No template named "${name}"${input.language ? ` in ${input.language}` : ''}`,
        hint: 'Check the name (lowercase, underscores) and language code with template.list.',
      });
    }
    const languages = matches.map((t) => t.language).join(', ');
    throw new WhatsAppValidationError([{ path: 'language', rule: `required: template "${name}" exists in ${languages}` }]);
  },
});
