import { invalidParameter } from '../graph/graph-error';
import type { JsonValue } from 'whatsapp-business-core';
import { Field } from './field';

/** A JSON request body as a root Field; an empty body reads as `{}` (Meta allows bodiless POSTs). */
export function jsonField(body: Buffer, label: string): Field {
  const text = body.toString('utf8');
  if (text.trim() === '') return new Field('', {});
  try {
    return new Field('', JSON.parse(text) as JsonValue);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidParameter(`${label}: not valid JSON (${reason})`);
  }
}
