import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';

export function validateText(field: Field): void {
  field.object(['body', 'preview_url']);
  field.child('body').text({ max: LIMITS.text.body });
  field.child('preview_url').optionalBoolean();
}
