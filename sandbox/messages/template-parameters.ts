import { GraphError, invalidValue } from '../graph/graph-error';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';
import { validateCoordinates } from './validate-location';
import { validateEmbeddedMedia } from './validate-media';

export type ParameterType =
  | 'text'
  | 'currency'
  | 'date_time'
  | 'image'
  | 'video'
  | 'document'
  | 'location'
  | 'payload'
  | 'coupon_code'
  | 'action';

const PARAMETER_TYPES: readonly ParameterType[] = [
  'text',
  'currency',
  'date_time',
  'image',
  'video',
  'document',
  'location',
  'payload',
  'coupon_code',
  'action',
];

const DATE_TIME_KEYS = ['fallback_value', 'calendar', 'day_of_month', 'day_of_week', 'hour', 'minute', 'month', 'year', 'timestamp'];

export interface ParameterInfo {
  type: ParameterType;
  name: string | undefined;
  field: Field;
}

/** Reads a parameter's type and optional parameter_name; the value itself is checked by checkValue. */
export function readParameter(param: Field): ParameterInfo {
  param.object();
  const type = param.child('type').oneOf(PARAMETER_TYPES);
  param.object(['type', 'parameter_name', type]);
  const name = param.child('parameter_name').optionalString({ min: 1 });
  return { type, name, field: param };
}

/** The value under the parameter's type key, checked against that type's rules. */
export function checkValue(info: ParameterInfo, deps: SendDeps, textMax: number): void {
  const value = info.field.child(info.type);
  switch (info.type) {
    case 'text':
      checkTextParameter(value, textMax);
      return;
    case 'currency':
      value.object(['fallback_value', 'code', 'amount_1000']);
      value.child('fallback_value').string({ min: 1 });
      if (!/^[A-Z]{3}$/.test(value.child('code').string())) value.child('code').invalid('must be an ISO 4217 code like USD');
      value.child('amount_1000').number({ integer: true });
      return;
    case 'date_time':
      value.object(DATE_TIME_KEYS);
      value.child('fallback_value').string({ min: 1 });
      return;
    case 'image':
    case 'video':
    case 'document':
      validateEmbeddedMedia(value, info.type, deps);
      return;
    case 'location':
      value.object(['latitude', 'longitude', 'name', 'address']);
      validateCoordinates(value);
      return;
    case 'payload':
      value.string({ min: 1 });
      return;
    case 'coupon_code':
      value.string({ min: 1, max: 15 });
      return;
    case 'action':
      value.object();
      return;
  }
}

/** Meta rejects body and header text parameters that would break the template's layout. */
export function checkTextParameter(value: Field, max: number): void {
  const text = value.string({ min: 1, max });
  if (/[\n\t]/.test(text) || / {5,}/.test(text)) {
    throw invalidValue(`${value.path}: Param text cannot have new-line/tab characters or more than 4 consecutive spaces`);
  }
}

export function countMismatch(details: string): GraphError {
  return new GraphError(132000, details);
}

export function formatMismatch(details: string): GraphError {
  return new GraphError(132012, details);
}
