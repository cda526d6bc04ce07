import type { IDataObject } from 'n8n-workflow';

/**
 * Reads one node parameter of the current item. `fallback` is returned when the parameter is not
 * shown for the chosen resource/operation/type (n8n throws without one).
 */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

/** A string parameter as typed; numbers from expressions become strings. */
export function str(get: ParamReader, name: string, fallback = ''): string {
  const value = get(name, fallback);
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : String(value);
}

/** An optional string: empty or blank means "not given" (undefined), so core omits it. */
export function optStr(get: ParamReader, name: string): string | undefined {
  const value = str(get, name).trim();
  return value === '' ? undefined : value;
}

/** An optional string read from a collection (additional fields). */
export function optField(fields: IDataObject, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  const text = (typeof value === 'string' ? value : String(value)).trim();
  return text === '' ? undefined : text;
}

export function bool(get: ParamReader, name: string, fallback = false): boolean {
  const value = get(name, fallback);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return fallback;
}

/**
 * A number parameter. Strings from expressions are passed on as given (core accepts numeric
 * strings where it accepts numbers and names the field when they are not numbers); an empty value
 * is undefined.
 */
export function numeric(get: ParamReader, name: string): number | string | undefined {
  const value = get(name, '');
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return undefined;
}

function isObject(value: unknown): value is IDataObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A collection parameter (e.g. Additional Fields); missing means empty. */
export function collection(get: ParamReader, name: string): IDataObject {
  const value = get(name, {});
  return isObject(value) ? value : {};
}

/** The entries of a fixedCollection with multipleValues: `{ [group]: [...] }`. */
export function entries(get: ParamReader, name: string, group: string): IDataObject[] {
  const value = collection(get, name)[group];
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** Drops undefined fields so core sees only what the user gave. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  return out as T;
}

/**
 * A JSON parameter: n8n gives a string (or an already parsed value from an expression). Invalid
 * JSON is passed on as the string itself, so core's validation names the field.
 */
export function json(get: ParamReader, name: string, fallback: unknown): unknown {
  const value = get(name, fallback);
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return fallback;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
