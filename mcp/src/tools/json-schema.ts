import { z } from 'zod';

/**
 * JSON Schema for tool listings, emitted from the same zod schemas core validates with. Only the
 * presentation is adapted here (draft-07 like the SDK, field descriptions for models, `true` for
 * free-form values); the rules stay core's, and core's parse is what accepts or refuses an input.
 */

export type JsonSchema = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Portability rewrites with the same meaning: `additionalProperties: {}` (any value) becomes
 * `true`, and a type list such as ["string", "null"] becomes anyOf branches with one type each
 * (some clients map schemas onto single-type dialects).
 */
function tidy(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(tidy);
    return;
  }
  if (!isRecord(node)) return;
  if (isRecord(node.additionalProperties) && Object.keys(node.additionalProperties).length === 0) node.additionalProperties = true;
  if (Array.isArray(node.type)) {
    const branches = node.type.map((type: unknown) => ({ type }));
    delete node.type;
    if (node.anyOf === undefined) node.anyOf = branches;
    else node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: branches }];
  }
  for (const value of Object.values(node)) tidy(value);
}

/** Adds descriptions by dotted property path (`text.body`; array items add `[]`), unless one exists. */
function document(node: unknown, path: string, docs: Readonly<Record<string, string>>): void {
  if (!isRecord(node)) return;
  if (isRecord(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const doc = docs[childPath];
      if (doc !== undefined && isRecord(child) && child.description === undefined) child.description = doc;
      document(child, childPath, docs);
    }
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const branches = node[key];
    if (Array.isArray(branches)) branches.forEach((branch) => document(branch, path, docs));
  }
  if (isRecord(node.items)) document(node.items, `${path}[]`, docs);
}

export function inputJsonSchema(schema: z.ZodType, docs: Readonly<Record<string, string>> = {}): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  if (json.type !== 'object') throw new Error('a tool input schema must be an object');
  tidy(json);
  document(json, '', docs);
  return json;
}

/**
 * The schema without some top-level properties (fields a provider refuses). A listing change only:
 * a call that sends one anyway still gets core's validation error naming the field.
 */
export function withoutProperties(schema: JsonSchema, names: readonly string[]): JsonSchema {
  if (!isRecord(schema.properties) || !names.some((name) => name in (schema.properties as Record<string, unknown>))) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !names.includes(name)));
  const required = Array.isArray(schema.required) ? schema.required.filter((name) => !names.includes(String(name))) : undefined;
  return { ...schema, properties, ...(required === undefined ? {} : { required }) };
}

export function outputJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  if (json.type !== 'object') throw new Error('a tool output schema must be an object');
  tidy(json);
  return json;
}

/** Whether values matching this schema node are JSON objects or arrays (all branches agree). */
function expectsContainer(node: JsonSchema): boolean {
  if (node.type === 'object' || node.type === 'array') return true;
  for (const key of ['anyOf', 'oneOf']) {
    const branches = node[key];
    if (Array.isArray(branches) && branches.length > 0) {
      return branches.every((branch) => isRecord(branch) && (branch.type === 'object' || branch.type === 'array' || branch.type === 'null'));
    }
  }
  return false;
}

/** Every schema node that may describe property `key` of an object matched by `node`. */
function propertySchemas(node: JsonSchema, key: string): JsonSchema[] {
  const found: JsonSchema[] = [];
  if (isRecord(node.properties) && isRecord(node.properties[key])) found.push(node.properties[key] as JsonSchema);
  for (const branchKey of ['anyOf', 'oneOf', 'allOf']) {
    const branches = node[branchKey];
    if (Array.isArray(branches)) for (const branch of branches) if (isRecord(branch)) found.push(...propertySchemas(branch, key));
  }
  return found;
}

function itemSchemas(node: JsonSchema): JsonSchema[] {
  const found: JsonSchema[] = [];
  if (isRecord(node.items)) found.push(node.items);
  for (const branchKey of ['anyOf', 'oneOf']) {
    const branches = node[branchKey];
    if (Array.isArray(branches)) for (const branch of branches) if (isRecord(branch)) found.push(...itemSchemas(branch));
  }
  return found;
}

function parseContainer(value: string): unknown {
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === 'object' && parsed !== null ? parsed : value;
  } catch {
    return value;
  }
}

/**
 * Some clients send nested objects and arrays as JSON strings (double encoding). Where the schema
 * expects an object or array and a string holding one arrived, it is decoded; anything else is
 * left for core's validation to judge.
 */
export function decodeJsonStrings(schemas: readonly JsonSchema[], value: unknown, depth = 0): unknown {
  if (depth > 16 || schemas.length === 0) return value;
  let current = value;
  if (typeof current === 'string' && schemas.some(expectsContainer)) current = parseContainer(current);
  if (Array.isArray(current)) {
    const items = schemas.flatMap(itemSchemas);
    return items.length === 0 ? current : current.map((item) => decodeJsonStrings(items, item, depth + 1));
  }
  if (isRecord(current)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(current)) out[key] = decodeJsonStrings(schemas.flatMap((s) => propertySchemas(s, key)), child, depth + 1);
    return out;
  }
  return current;
}
