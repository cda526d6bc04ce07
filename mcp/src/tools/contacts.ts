import { MAX_CONTACTS_PER_CHECK } from 'whatsapp-business-core';
import { bindOperation, catalogue } from './bind';
import type { ToolDefinition } from './define';

export function contactTools(): ToolDefinition[] {
  return [
    bindOperation(catalogue('contact.check'), {
      name: 'whatsapp_check_contacts',
      description:
        `WhatsApp On-Premises API only. Tells which phone numbers (up to ${MAX_CONTACTS_PER_CHECK}) are on WhatsApp: "valid" with the WhatsApp id to send to, ` +
        '"invalid" (not on WhatsApp), or "processing" (not resolved yet; ask again, or use blocking "wait").',
      toolset: 'contacts',
      docs: {
        contacts: 'Phone numbers in any common format, e.g. "+1 (516) 283-7151".',
        blocking: '"wait" (default): answer once every number is resolved; "no_wait": answer at once.',
      },
    }),
  ];
}
