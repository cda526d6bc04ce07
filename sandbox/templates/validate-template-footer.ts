import { LIMITS, type JsonObject, type TemplateCategory } from 'whatsapp-business-core';
import { Field } from '../validation/field';

export function validateTemplateFooter(component: Field, category: TemplateCategory): JsonObject {
  if (category === 'AUTHENTICATION') {
    component.object(['type', 'code_expiration_minutes']);
    const { min, max } = LIMITS.template.codeExpirationMinutes;
    const minutes = component.child('code_expiration_minutes').isPresent
      ? component.child('code_expiration_minutes').number({ min, max, integer: true })
      : undefined;
    if (minutes === undefined) return { type: 'FOOTER' };
    return { type: 'FOOTER', text: `This code expires in ${minutes} minutes.`, code_expiration_minutes: minutes };
  }
  component.object(['type', 'text']);
  return { type: 'FOOTER', text: component.child('text').string({ min: 1, max: LIMITS.template.footer }) };
}
