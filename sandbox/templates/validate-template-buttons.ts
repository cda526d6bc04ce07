import { LIMITS, type JsonObject, type TemplateCategory } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import type { TemplateButtonShape, TemplateButtonType } from './template-record';
import { placeholderCount } from './variables';

const BUTTON_TYPES: readonly TemplateButtonType[] = [
  'QUICK_REPLY',
  'URL',
  'PHONE_NUMBER',
  'COPY_CODE',
  'OTP',
  'FLOW',
  'MPM',
  'CATALOG',
];

const BUTTON_KEYS: Record<TemplateButtonType, readonly string[]> = {
  QUICK_REPLY: ['type', 'text'],
  URL: ['type', 'text', 'url', 'example'],
  PHONE_NUMBER: ['type', 'text', 'phone_number'],
  COPY_CODE: ['type', 'text', 'example'],
  OTP: ['type', 'otp_type', 'text', 'autofill_text', 'package_name', 'signature_hash', 'zero_tap_terms_accepted', 'supported_apps'],
  FLOW: ['type', 'text', 'flow_id', 'flow_name', 'flow_json', 'flow_action', 'navigate_screen', 'icon'],
  MPM: ['type', 'text'],
  CATALOG: ['type', 'text'],
};

/** Per-kind ceilings besides the overall maximum of ten buttons. */
const MAX_PER_TYPE: Partial<Record<TemplateButtonType, number>> = {
  URL: LIMITS.template.buttons.url,
  PHONE_NUMBER: LIMITS.template.buttons.phoneNumber,
  COPY_CODE: LIMITS.template.buttons.copyCode,
};

export function validateTemplateButtons(
  component: Field,
  category: TemplateCategory,
): { stored: JsonObject; shapes: TemplateButtonShape[] } {
  component.object(['type', 'buttons']);
  const buttonsField = component.child('buttons');
  const buttons = buttonsField.array({ min: 1, max: LIMITS.template.buttons.max, noun: 'buttons' });
  const stored: JsonObject[] = [];
  const shapes: TemplateButtonShape[] = [];
  for (const button of buttons) {
    button.object();
    const type = button.child('type').oneOf(BUTTON_TYPES, { caseInsensitive: true });
    button.object(BUTTON_KEYS[type]);
    const result = validateButton(button, type);
    stored.push({ ...result.stored, type });
    shapes.push(result.shape);
  }
  for (const [type, max] of Object.entries(MAX_PER_TYPE)) {
    const count = shapes.filter((shape) => shape.type === type).length;
    if (max !== undefined && count > max) buttonsField.invalid(`at most ${max} ${type} button${max === 1 ? '' : 's'} (got ${count})`);
  }
  const otpCount = shapes.filter((shape) => shape.type === 'OTP').length;
  if (category === 'AUTHENTICATION' && (otpCount !== 1 || shapes.length !== 1)) {
    buttonsField.invalid('an AUTHENTICATION template has exactly one button, of type OTP');
  }
  if (category !== 'AUTHENTICATION' && otpCount > 0) {
    buttonsField.invalid('OTP buttons are only allowed in AUTHENTICATION templates');
  }
  return { stored: { type: 'BUTTONS', buttons: stored }, shapes };
}

function validateButton(button: Field, type: TemplateButtonType): { stored: JsonObject; shape: TemplateButtonShape } {
  const text = (): string => button.child('text').string({ min: 1, max: LIMITS.template.buttonText });
  switch (type) {
    case 'QUICK_REPLY':
    case 'MPM':
    case 'CATALOG':
      return { stored: { text: text() }, shape: { type, needsParameter: false } };
    case 'PHONE_NUMBER': {
      const phone = button.child('phone_number').string({ min: 1, max: LIMITS.template.phoneNumber });
      return { stored: { text: text(), phone_number: phone }, shape: { type, needsParameter: false } };
    }
    case 'URL':
      return urlButton(button, text());
    case 'COPY_CODE': {
      const example = button.child('example').string({ min: 1, max: LIMITS.template.copyCodeExample });
      const label = button.child('text').optionalString({ min: 1, max: LIMITS.template.buttonText });
      return { stored: { text: label ?? 'Copy offer code', example }, shape: { type, needsParameter: false } };
    }
    case 'OTP':
      return otpButton(button);
    case 'FLOW':
      return flowButton(button, text());
  }
}

function urlButton(button: Field, text: string): { stored: JsonObject; shape: TemplateButtonShape } {
  const urlField = button.child('url');
  const url = urlField.httpUrl({ max: LIMITS.template.url });
  const placeholders = placeholderCount(url);
  if (placeholders > 1) urlField.invalid(`at most one variable allowed (got ${placeholders})`);
  if (placeholders === 0) {
    if (button.child('example').isPresent) button.child('example').unsupported('only a URL with a {{1}} variable takes an example');
    return { stored: { text, url }, shape: { type: 'URL', needsParameter: false } };
  }
  if (!url.endsWith('{{1}}')) {
    urlField.invalid('the only variable allowed is {{1}}, at the end of the URL');
  }
  // Meta documents the full sample URL here, but its own OpenAPI example gives only the variable's
  // sample value ("summer2023"); both are accepted.
  const examples = button.child('example').array({ min: 1, max: 1, noun: 'example URLs' });
  const example = examples[0].string({ min: 1, max: LIMITS.template.url });
  return {
    stored: { text, url, example: [example] },
    shape: { type: 'URL', needsParameter: true },
  };
}

function otpButton(button: Field): { stored: JsonObject; shape: TemplateButtonShape } {
  const otpType = button.child('otp_type').oneOf(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const, { caseInsensitive: true });
  const stored: JsonObject = { otp_type: otpType };
  const label = button.child('text').optionalString({ min: 1, max: LIMITS.template.buttonText });
  stored.text = label ?? 'Copy code';
  const autofill = button.child('autofill_text').optionalString({ min: 1, max: LIMITS.template.buttonText });
  if (autofill !== undefined) stored.autofill_text = autofill;
  for (const key of ['package_name', 'signature_hash'] as const) {
    const value = button.child(key).optionalString({ min: 1 });
    if (value !== undefined) stored[key] = value;
  }
  const terms = button.child('zero_tap_terms_accepted').optionalBoolean();
  if (terms !== undefined) stored.zero_tap_terms_accepted = terms;
  const apps = button.child('supported_apps').optionalArray({ min: 1 });
  if (apps !== undefined) {
    stored.supported_apps = apps.map((app) => {
      const entry = app.object(['package_name', 'signature_hash']);
      app.child('package_name').string({ min: 1 });
      app.child('signature_hash').string({ min: 1 });
      return entry;
    });
  }
  // The code travels as a button parameter (sub_type url) when the template is sent.
  return { stored, shape: { type: 'OTP', needsParameter: true } };
}

function flowButton(button: Field, text: string): { stored: JsonObject; shape: TemplateButtonShape } {
  const sources = (['flow_id', 'flow_name', 'flow_json'] as const).filter((key) => button.child(key).isPresent);
  if (sources.length !== 1) {
    button.invalid(`exactly one of flow_id, flow_name or flow_json is required (got ${sources.length})`);
  }
  const stored: JsonObject = { text, [sources[0]]: button.child(sources[0]).string({ min: 1 }) };
  const action = button.child('flow_action');
  if (action.isPresent) stored.flow_action = action.oneOf(['navigate', 'data_exchange'] as const, { caseInsensitive: true });
  for (const key of ['navigate_screen', 'icon'] as const) {
    const value = button.child(key).optionalString({ min: 1 });
    if (value !== undefined) stored[key] = value;
  }
  return { stored, shape: { type: 'FLOW', needsParameter: false } };
}
