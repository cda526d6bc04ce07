import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';

/** Call-to-action URL button: `{name: "cta_url", parameters: {display_text, url}}`. */
export function validateCtaUrlAction(action: Field): void {
  action.object(['name', 'parameters']);
  action.child('name').oneOf(['cta_url'] as const);
  const parameters = action.child('parameters');
  parameters.object(['display_text', 'url']);
  parameters.child('display_text').text({ max: LIMITS.interactive.ctaUrl.displayText });
  parameters.child('url').httpUrl();
}

/** Asks the user to share a location: `{name: "send_location"}`. */
export function validateLocationRequestAction(action: Field): void {
  action.object(['name']);
  action.child('name').oneOf(['send_location'] as const);
}

/** Asks the user for permission to call them: `{name: "call_permission_request"}` (v23 OpenAPI ActionObject). */
export function validateCallPermissionAction(action: Field): void {
  action.object(['name']);
  action.child('name').oneOf(['call_permission_request'] as const);
}
