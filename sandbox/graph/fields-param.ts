import { invalidParameter } from './graph-error';
import type { JsonObject } from 'whatsapp-business-core';

/**
 * Applies Graph's `fields` query parameter: only the named fields (plus `always`, usually id) are
 * returned; naming a field the object does not have is an error, as on Graph.
 */
export function selectFields(
  object: JsonObject,
  fieldsParam: string | null,
  available: readonly string[],
  always: readonly string[] = ['id'],
): JsonObject {
  if (fieldsParam === null || fieldsParam.trim() === '') return object;
  const requested = fieldsParam.split(',').map((field) => field.trim()).filter((field) => field !== '');
  const unknown = requested.find((field) => !available.includes(field));
  if (unknown !== undefined) {
    throw invalidParameter(`fields: tried accessing nonexisting field (${unknown}); available: ${available.join(', ')}`);
  }
  const selected: JsonObject = {};
  for (const field of [...always, ...requested]) {
    if (object[field] !== undefined) selected[field] = object[field];
  }
  return selected;
}
