import { isJsonObject } from './json';

/** Provider answers and webhook bodies are untrusted JSON: these readers never throw and never invent values. */
export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | null {
  return isJsonObject(value) ? value : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function objects(value: unknown): Json[] {
  return list(value).flatMap((item) => {
    const o = obj(item);
    return o === null ? [] : [o];
  });
}

export function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Meta sends latitude as a number in v23 examples and as a string in older payloads. */
export function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
