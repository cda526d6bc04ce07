import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import { BAD_LINK, refuse, WRONG_PARAMETER_TYPE } from './itnio-answer';

/**
 * Readers for ITNIO request bodies. Each failure names the field; an empty value answers the
 * code ITNIO documents for that field, a value of the wrong JSON type -134.
 */

/** Absent, null, blank text or an object without keys: what ITNIO's "cannot be empty" codes cover. */
export function isBlank(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return isJsonObject(value) && Object.keys(value).length === 0;
}

export function requireObject(value: JsonValue | undefined, path: string, emptyCode: number): JsonObject {
  if (isBlank(value)) refuse(emptyCode, `${path} cannot be empty`);
  if (!isJsonObject(value)) refuse(WRONG_PARAMETER_TYPE, `${path} must be an object`);
  return value;
}

export function requireText(value: JsonValue | undefined, path: string, emptyCode: number): string {
  if (isBlank(value)) refuse(emptyCode, `${path} cannot be empty`);
  if (typeof value !== 'string') refuse(WRONG_PARAMETER_TYPE, `${path} must be a string`);
  return value;
}

export function optionalText(value: JsonValue | undefined, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') refuse(WRONG_PARAMETER_TYPE, `${path} must be a string`);
  return value;
}

/** A media link: present (else `emptyCode`) and an absolute http(s) URL (else -133). */
export function requireLink(value: JsonValue | undefined, path: string, emptyCode: number): string {
  const link = requireText(value, path, emptyCode);
  let url: URL | null = null;
  try {
    url = new URL(link);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    refuse(BAD_LINK, `${path}: link format error, expected an http(s) URL`);
  }
  return link;
}

/** Fields ITNIO does not document are refused rather than ignored, so a client's typo shows. */
export function checkKeys(object: JsonObject, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) refuse(WRONG_PARAMETER_TYPE, `${path === '' ? key : `${path}.${key}`}: not a field ITNIO documents here`);
  }
}

/** ITNIO types coordinates as strings ("62.636152267456"); numbers are accepted too. */
export function coordinate(value: JsonValue | undefined, path: string, emptyCode: number): number {
  if (isBlank(value)) refuse(emptyCode, `${path} cannot be empty`);
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) refuse(WRONG_PARAMETER_TYPE, `${path} must be a number (as a string like "62.636152267456")`);
  return number;
}
