import { notSimulated } from '../graph/graph-error';
import { Field } from '../validation/field';
import { validateListAction } from './interactive-list';
import { validateCallPermissionAction, validateCtaUrlAction, validateLocationRequestAction } from './interactive-named-actions';
import {
  validateInteractiveBody,
  validateInteractiveFooter,
  validateInteractiveHeader,
  type HeaderType,
} from './interactive-parts';
import { validateReplyButtonsAction } from './interactive-reply-buttons';
import type { SendDeps } from './send-deps';

const INTERACTIVE_TYPES = [
  'button',
  'list',
  'cta_url',
  'location_request_message',
  'call_permission_request',
  'product',
  'product_list',
  'catalog_message',
  'flow',
  'order_details',
  'order_status',
] as const;
type InteractiveType = (typeof INTERACTIVE_TYPES)[number];

interface InteractiveRule {
  headers: readonly HeaderType[];
  bodyRequired: boolean;
  /** Absent for the types the sandbox accepts with only the generic header/body/footer checks. */
  action?: (action: Field) => void;
}

const ALL_HEADERS: readonly HeaderType[] = ['text', 'image', 'video', 'document'];

const RULES: Record<InteractiveType, InteractiveRule> = {
  button: { headers: ALL_HEADERS, bodyRequired: true, action: validateReplyButtonsAction },
  list: { headers: ['text'], bodyRequired: true, action: validateListAction },
  cta_url: { headers: ALL_HEADERS, bodyRequired: true, action: validateCtaUrlAction },
  location_request_message: { headers: [], bodyRequired: true, action: validateLocationRequestAction },
  // The v23 OpenAPI requires only type and action; the request shows the body text, no header.
  call_permission_request: { headers: [], bodyRequired: false, action: validateCallPermissionAction },
  product: { headers: ALL_HEADERS, bodyRequired: false },
  product_list: { headers: ALL_HEADERS, bodyRequired: false },
  catalog_message: { headers: ALL_HEADERS, bodyRequired: false },
  flow: { headers: ALL_HEADERS, bodyRequired: false },
  order_details: { headers: ALL_HEADERS, bodyRequired: false },
  order_status: { headers: ALL_HEADERS, bodyRequired: false },
};

/** Interactive types Meta sends that the sandbox does not imitate (answered as such, not as invalid). */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  carousel: 'interactive.type: "carousel" (the interactive media carousel)',
};

export function validateInteractive(field: Field, deps: SendDeps): void {
  field.object(['type', 'header', 'body', 'footer', 'action']);
  const typeValue = field.child('type').value;
  if (typeof typeValue === 'string' && Object.hasOwn(NOT_SIMULATED, typeValue)) throw notSimulated(NOT_SIMULATED[typeValue]);
  const type = field.child('type').oneOf(INTERACTIVE_TYPES);
  const rule = RULES[type];
  const header = field.child('header');
  if (header.isPresent) {
    if (rule.headers.length === 0) header.unsupported(`a ${type} message has no header`);
    validateInteractiveHeader(header, rule.headers, deps);
  }
  const body = field.child('body');
  if (rule.bodyRequired || body.isPresent) validateInteractiveBody(body);
  const footer = field.child('footer');
  if (footer.isPresent) validateInteractiveFooter(footer);
  const action = field.child('action');
  if (rule.action !== undefined) rule.action(action);
  else action.object();
}
