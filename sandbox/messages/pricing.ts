import type { JsonObject } from 'whatsapp-business-core';
import type { TemplateRecord } from '../templates/template-record';

/**
 * Per-message pricing (PMP, since July 2025): free-form replies inside the service window are free
 * "service" messages; templates are billed by category, except utility templates sent while the
 * window is open, which Meta does not charge.
 */
export function pricingFor(template: TemplateRecord | null, windowOpen: boolean): JsonObject {
  if (template === null) {
    return { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
  }
  const category = template.category.toLowerCase();
  if (template.category === 'UTILITY' && windowOpen) {
    return { billable: false, pricing_model: 'PMP', category, type: 'free_customer_service' };
  }
  return { billable: true, pricing_model: 'PMP', category, type: 'regular' };
}
