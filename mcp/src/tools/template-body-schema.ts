import type { JsonSchema } from './json-schema';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Core accepts a template's body values in three forms: a list of parameter objects, a list of
 * plain values (`["Ana", "42"]`, each a text parameter) and an object of named values
 * (`{"first_name": "Ana"}`). Its zod schema reads the two shorthands in a preprocessing step that
 * JSON Schema cannot show, so the emitted schema lists only the first form. This widens the listed
 * `template.body` to the three forms, built from the parameter objects core's schema emitted, so
 * clients that validate arguments accept what the description teaches and core then checks.
 */
export function withTemplateBodyShorthands(schema: JsonSchema): JsonSchema {
  const template = isRecord(schema.properties) ? schema.properties.template : undefined;
  const body = isRecord(template) && isRecord(template.properties) ? template.properties.body : undefined;
  if (!isRecord(template) || !isRecord(body) || !isRecord(body.items)) throw new Error('template.body: expected an array schema from core');
  const items = body.items;
  const parameters = (Array.isArray(items.oneOf) ? items.oneOf : Array.isArray(items.anyOf) ? items.anyOf : [items]).filter(isRecord);
  const plain: JsonSchema[] = [{ type: 'string' }, { type: 'number' }];
  const nameSchema = parameters.map((p) => (isRecord(p.properties) ? p.properties.name : undefined)).find(isRecord);
  // Under its name a parameter carries no "name" of its own.
  const unnamed = parameters.map((p) => {
    if (!isRecord(p.properties)) return p;
    const { name: _name, ...properties } = p.properties;
    return { ...p, properties };
  });
  const { items: _items, type: _type, ...rest } = body;
  const widened: JsonSchema = {
    ...rest,
    anyOf: [
      { type: 'array', items: { anyOf: [...plain, ...parameters] } },
      { type: 'object', ...(nameSchema === undefined ? {} : { propertyNames: nameSchema }), additionalProperties: { anyOf: [...plain, ...unnamed] } },
    ],
  };
  const properties = schema.properties as Record<string, unknown>;
  const templateProperties = template.properties as Record<string, unknown>;
  return { ...schema, properties: { ...properties, template: { ...template, properties: { ...templateProperties, body: widened } } } };
}
