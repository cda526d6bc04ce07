import type { z } from 'zod';
import { parseInput, WhatsAppValidationError } from 'whatsapp-business-core';
import type { ValidationIssue } from 'whatsapp-business-core';
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

/** Every form one body value may take, named in each refusal. */
const VALUE_FORMS = 'a string, a number, or a parameter object ({"type": "text", "text": "Ana"}, or a "currency" or "date_time" parameter)';
/** Every form the whole body may take. */
const BODY_FORMS = `a list of values in order, each ${VALUE_FORMS}, or an object of values by name ({"first_name": "Ana"})`;

function received(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
  return value === null ? 'null' : String(value);
}

const isBodyValue = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || isRecord(value);

/**
 * `template.body` values that are none of the accepted forms, each with a rule naming every form.
 * Core reads the shorthands before its own check, so for `[true]` it would only say "must be an
 * object", as if parameter objects were the one form. One pass over the body: linear in its size.
 */
export function templateBodyFormIssues(body: unknown): ValidationIssue[] {
  if (body === undefined) return [];
  if (Array.isArray(body)) {
    const issues: ValidationIssue[] = [];
    body.forEach((value: unknown, index) => {
      if (!isBodyValue(value)) issues.push({ path: `template.body[${index}]`, rule: `must be ${VALUE_FORMS} (got ${received(value)})` });
    });
    return issues;
  }
  if (isRecord(body)) {
    return Object.entries(body)
      .filter(([, value]) => !isBodyValue(value))
      .map(([name, value]) => ({ path: `template.body.${name}`, rule: `must be ${VALUE_FORMS} (got ${received(value)})` }));
  }
  return [{ path: 'template.body', rule: `must be ${BODY_FORMS} (got ${received(body)})` }];
}

/** A body value core accepts, standing in for a refused one so that core checks the others in place. */
const STAND_IN = 'x';

/** The body with every value of no accepted form replaced by a stand-in (undefined when the body itself has no accepted form). */
function withStandIns(body: unknown): unknown {
  if (Array.isArray(body)) return body.map((value: unknown) => (isBodyValue(value) ? value : STAND_IN));
  if (isRecord(body)) return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, isBodyValue(value) ? value : STAND_IN]));
  return undefined;
}

/**
 * Refuses a send whose `template.body` holds values of no accepted form, with rules naming every
 * form, together with what core finds wrong in the rest of the input: core validates the input with
 * those values replaced by a stand-in (or without the body, which is optional, when the body itself
 * has no accepted form), so one answer lists every problem at its own path. Input whose body values
 * all take an accepted form passes on to core's validation unchanged.
 */
export function checkTemplateBodyForms(input: unknown, validate: z.ZodType, provider: string): void {
  const template = isRecord(input) ? input.template : undefined;
  if (!isRecord(input) || !isRecord(template)) return;
  const issues = templateBodyFormIssues(template.body);
  if (issues.length === 0) return;
  try {
    parseInput(validate, { ...input, template: { ...template, body: withStandIns(template.body) } }, provider);
  } catch (error) {
    if (!(error instanceof WhatsAppValidationError)) throw error;
    issues.push(...error.issues);
  }
  throw new WhatsAppValidationError(issues, provider);
}
