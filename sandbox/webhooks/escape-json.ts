import type { JsonValue } from 'whatsapp-business-core';

/**
 * Meta serializes webhook bodies with every character outside printable ASCII written as a
 * lowercase `\uXXXX` escape (UTF-16 code units) and signs exactly those bytes. Receivers that
 * verify against the raw body or against a re-escaped body must both succeed, so the sandbox
 * produces the same pure-ASCII form.
 */
export function toEscapedJson(value: JsonValue): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
