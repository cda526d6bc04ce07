import type { TemplateStore } from './template-store';
import { NO_VARIABLES } from './variables';

/** Every WABA starts with hello_world; the sandbox's has its own wording. */
export function seedTemplates(store: TemplateStore): void {
  store.add({
    name: 'hello_world',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello from the sandbox' },
      {
        type: 'BODY',
        text: 'This message came from your local WhatsApp Sandbox. No Meta account or real phone was involved.',
      },
      { type: 'FOOTER', text: 'WhatsApp Sandbox' },
    ],
    shape: { header: { format: 'TEXT', variables: NO_VARIABLES }, body: NO_VARIABLES, buttons: [] },
  });
}
