import { PROVIDER_SUPPORT } from 'whatsapp-business-core';
import type { ProviderName } from 'whatsapp-business-core';
import { bindOperation, catalogue } from './bind';
import type { ToolDefinition } from './define';

const TEMPLATE_DOCS = {
  name: 'Template name: lowercase letters, digits and underscores.',
  language: 'Language code, e.g. "en_US", "pt_BR", "de".',
  templateId: 'Template id (from whatsapp_list_templates).',
  components:
    'Meta\'s component list: HEADER (optional), BODY (required), FOOTER (optional), BUTTONS (optional), with an example for every {{variable}}.',
  allowCategoryChange: 'Let Meta re-categorize the template instead of rejecting it.',
};

/** The list tool's filters (the same field names mean the template's own values elsewhere). */
const LIST_FILTER_DOCS = {
  name: 'Only templates whose name contains this text.',
  limit: 'Stop after this many templates (omit to list all).',
  status: 'Only templates with this review status.',
  category: 'Only templates of this category.',
  language: 'Only templates in this language, e.g. "en_US".',
};

/** How to follow a new template's review: with whatsapp_get_template where the provider can read templates. */
function reviewHelp(provider: ProviderName): string {
  const support = PROVIDER_SUPPORT[provider];
  return support.capabilities.includes('getTemplateById')
    ? 'It starts PENDING and cannot be sent until APPROVED (check with whatsapp_get_template).'
    : `It starts PENDING and cannot be sent until APPROVED; the ${support.label} cannot read templates, so follow the review in its console or WhatsApp Manager.`;
}

export function templateTools(provider: ProviderName): ToolDefinition[] {
  return [
    bindOperation(catalogue('template.list'), {
      name: 'whatsapp_list_templates',
      description:
        'Lists message templates with their status (only APPROVED ones can be sent), category, language and components. Filter by name (contains), status, category or language.',
      toolset: 'templates',
      docs: { ...TEMPLATE_DOCS, ...LIST_FILTER_DOCS },
    }),
    bindOperation(catalogue('template.get'), {
      name: 'whatsapp_get_template',
      description:
        'Gets one template by id, or by exact name (plus language when it exists in several), with its components, so you know which variables whatsapp_send_template needs.',
      toolset: 'templates',
      docs: TEMPLATE_DOCS,
    }),
    bindOperation(catalogue('template.create'), {
      name: 'whatsapp_create_template',
      description:
        `Submits a new template for Meta's review${provider === 'cloud' ? '' : ` through the ${PROVIDER_SUPPORT[provider].label}`}. Categories: MARKETING, UTILITY, AUTHENTICATION. Variables are {{1}} or {{name}}, each with an example. ${reviewHelp(provider)}`,
      toolset: 'templates',
      docs: {
        ...TEMPLATE_DOCS,
        category: 'The new template\'s category: MARKETING, UTILITY or AUTHENTICATION. Meta may change it on review when allowCategoryChange is true.',
        language: 'The new template\'s language code, e.g. "en_US".',
      },
    }),
    bindOperation(catalogue('template.delete'), {
      name: 'whatsapp_delete_template',
      description:
        'Deletes a template by name (every language), or one language version by name plus templateId. The name cannot be reused for 30 days. Cannot be undone.',
      toolset: 'templates',
      docs: { ...TEMPLATE_DOCS, templateId: 'Delete only this language version (its template id).' },
    }),
  ];
}
