import { bindOperation, catalogue } from './bind';
import type { ToolDefinition } from './define';

export function accountTools(): ToolDefinition[] {
  return [
    bindOperation(catalogue('phoneNumber.list'), {
      name: 'whatsapp_list_phone_numbers',
      description: 'Lists the business phone numbers of the WhatsApp Business Account with their display number, verified name, quality rating and messaging limit.',
      toolset: 'account',
    }),
    bindOperation(catalogue('phoneNumber.get'), {
      name: 'whatsapp_get_phone_number',
      description: 'Gets one business phone number: display number, verified name, quality rating, throughput and messaging limit tier.',
      toolset: 'account',
    }),
    bindOperation(catalogue('businessProfile.get'), {
      name: 'whatsapp_get_business_profile',
      description: 'Gets the business profile customers see: about text, address, description, email, websites, industry, picture.',
      toolset: 'account',
    }),
    bindOperation(catalogue('businessProfile.update'), {
      name: 'whatsapp_update_business_profile',
      description:
        'Updates the business profile fields given (the others stay): about (max 139 characters), address, description, email, up to 2 websites, industry (vertical). Customers see the change.',
      toolset: 'account',
      docs: { vertical: 'Industry shown on the profile.', websites: 'Up to 2 http(s) URLs; replaces the current list.' },
    }),
  ];
}
