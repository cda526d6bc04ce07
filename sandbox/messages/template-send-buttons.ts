import type { TemplateButtonType, TemplateRecord } from '../templates/template-record';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';
import { checkValue, countMismatch, formatMismatch, readParameter, type ParameterType } from './template-parameters';

const SUB_TYPE_NAMES = ['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm'] as const;
type SubType = (typeof SUB_TYPE_NAMES)[number];

interface SubTypeRule {
  /** Template buttons this sub_type may address; OTP codes travel as a url parameter. */
  buttons: readonly TemplateButtonType[];
  parameterTypes: readonly ParameterType[];
  minParameters: number;
}

const SUB_TYPES: Record<SubType, SubTypeRule> = {
  quick_reply: { buttons: ['QUICK_REPLY'], parameterTypes: ['payload', 'text'], minParameters: 1 },
  url: { buttons: ['URL', 'OTP'], parameterTypes: ['text'], minParameters: 1 },
  copy_code: { buttons: ['COPY_CODE'], parameterTypes: ['coupon_code'], minParameters: 1 },
  flow: { buttons: ['FLOW'], parameterTypes: ['action'], minParameters: 0 },
  catalog: { buttons: ['CATALOG'], parameterTypes: ['action'], minParameters: 0 },
  mpm: { buttons: ['MPM'], parameterTypes: ['action'], minParameters: 1 },
};

/** Button parameters may carry a URL suffix or a one-time code; far longer than either needs to be is a client bug. */
const BUTTON_TEXT_MAX = 2000;

export function checkButtonComponents(components: Field[], template: TemplateRecord, deps: SendDeps): void {
  const addressed = new Set<number>();
  for (const component of components) {
    const index = checkButtonComponent(component, template, deps);
    if (addressed.has(index)) component.child('index').invalid(`button index ${index} is addressed twice`);
    addressed.add(index);
  }
  template.shape.buttons.forEach((button, index) => {
    if (button.needsParameter && !addressed.has(index)) {
      const why = button.type === 'OTP' ? 'an OTP button needs the code' : 'its URL ends with a variable';
      throw countMismatch(`template.components: the ${button.type} button at index ${index} needs a parameter (${why}) but none was sent`);
    }
  });
}

function checkButtonComponent(component: Field, template: TemplateRecord, deps: SendDeps): number {
  const subType = component.child('sub_type').oneOf(SUB_TYPE_NAMES, { caseInsensitive: true });
  const rule = SUB_TYPES[subType];
  const indexField = component.child('index');
  const index = indexField.numeric({ min: 0, max: 9, integer: true });
  const button = template.shape.buttons[index];
  if (button === undefined) {
    return indexField.invalid(`template '${template.name}' has no button at index ${index} (it has ${template.shape.buttons.length})`);
  }
  if (!rule.buttons.includes(button.type)) {
    component.child('sub_type').invalid(`button index ${index} is a ${button.type} button, which sub_type ${subType} cannot address`);
  }
  const params = component.child('parameters').optionalArray() ?? [];
  const takesParameter = subType !== 'url' || button.needsParameter;
  const max = takesParameter ? 1 : 0;
  const min = takesParameter ? rule.minParameters : 0;
  if (params.length < min || params.length > max) {
    const expected = min === max ? `${max}` : `${min} to ${max}`;
    throw countMismatch(`${component.path}.parameters: the ${button.type} button at index ${index} takes ${expected} parameter${max === 1 ? '' : 's'} (got ${params.length})`);
  }
  for (const param of params) {
    // Meta's own sample_issue_resolution example sends quick-reply text parameters as booleans.
    if (subType === 'quick_reply' && param.child('type').value === 'text') {
      param.object(['type', 'text']);
      const text = param.child('text');
      if (typeof text.value !== 'boolean') text.string({ min: 1 });
      continue;
    }
    const info = readParameter(param);
    if (!rule.parameterTypes.includes(info.type)) {
      throw formatMismatch(`${param.path}.type: ${subType} button parameters must be of type ${rule.parameterTypes.join(' or ')} (got ${info.type})`);
    }
    checkValue(info, deps, BUTTON_TEXT_MAX);
  }
  return index;
}
