import type { JsonObject, JsonValue } from 'whatsapp-business-core';
import { invalidParameter } from './graph-error';
import { parseFieldsParam, type FieldRequest } from './fields-syntax';

/**
 * Applies Graph's `fields` query parameter: only the named fields (plus `always`, usually id) are
 * returned; naming a field the object does not have is an error, as on Graph. An expansion
 * `name{a,b}` limits that field's value to the named subfields (for a list, in each element).
 */
export function selectFields(
  object: JsonObject,
  fieldsParam: string | null,
  available: readonly string[],
  always: readonly string[] = ['id'],
): JsonObject {
  if (fieldsParam === null || fieldsParam.trim() === '') return object;
  const requested = mergeRequests(parseFieldsParam(fieldsParam));
  const unknown = requested.find((field) => !available.includes(field.name));
  if (unknown !== undefined) {
    throw invalidParameter(`fields: tried accessing nonexisting field (${unknown.name}); available: ${available.join(', ')}`);
  }
  const selected: JsonObject = {};
  for (const field of always) {
    if (object[field] !== undefined) selected[field] = object[field];
  }
  for (const field of requested) {
    const value = object[field.name];
    if (value !== undefined) selected[field.name] = expand(value, field.subfields, field.name);
  }
  return selected;
}

/**
 * One request per name: a field asked for whole anywhere is returned whole; otherwise the
 * subfields of all its expansions are combined (`a{b},a{c}` is `a{b,c}`).
 */
function mergeRequests(requests: readonly FieldRequest[]): FieldRequest[] {
  const byName = new Map<string, FieldRequest>();
  for (const request of requests) {
    const seen = byName.get(request.name);
    if (seen === undefined) byName.set(request.name, { name: request.name, subfields: request.subfields });
    else if (seen.subfields === null || request.subfields === null) seen.subfields = null;
    else for (const subfield of request.subfields) seen.subfields.push(subfield); // appended in place: linear
  }
  return [...byName.values()];
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value limited to `subfields` (each element of a list); `path` names the field in errors. */
function expand(value: JsonValue, subfields: FieldRequest[] | null, path: string): JsonValue {
  if (subfields === null) return value;
  if (Array.isArray(value) && value.length === 0) return value;
  const elements = Array.isArray(value) ? value : [value];
  if (!elements.every(isObject)) throw invalidParameter(`fields: ${path} has no subfields to expand`);
  const objects = elements as JsonObject[];
  const available = [...new Set(objects.flatMap((element) => Object.keys(element)))];
  const requested = mergeRequests(subfields);
  const unknown = requested.find((field) => !available.includes(field.name));
  if (unknown !== undefined) {
    throw invalidParameter(`fields: tried accessing nonexisting field (${path}.${unknown.name}); available in ${path}: ${available.join(', ')}`);
  }
  const pick = (element: JsonObject): JsonObject => {
    const selected: JsonObject = {};
    for (const field of requested) {
      const inner = element[field.name];
      if (inner !== undefined) selected[field.name] = expand(inner, field.subfields, `${path}.${field.name}`);
    }
    return selected;
  };
  return Array.isArray(value) ? objects.map(pick) : pick(objects[0]);
}
