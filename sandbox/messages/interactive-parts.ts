import { LIMITS } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';
import { validateEmbeddedMedia } from './validate-media';

export type HeaderType = 'text' | 'image' | 'video' | 'document';

const HEADER_TYPES: readonly HeaderType[] = ['text', 'image', 'video', 'document'];

/** Header of an interactive message; `allowed` lists the header types this interactive type takes. */
export function validateInteractiveHeader(field: Field, allowed: readonly HeaderType[], deps: SendDeps): void {
  field.object(['type', ...HEADER_TYPES]);
  const type = field.child('type').oneOf(HEADER_TYPES);
  if (!allowed.includes(type)) {
    field.child('type').unsupported(`header type '${type}' is not allowed here (allowed: ${allowed.join(', ')})`);
  }
  for (const other of HEADER_TYPES) {
    if (other !== type && field.child(other).isPresent) {
      field.child(other).unsupported(`not allowed when the header type is ${type}`);
    }
  }
  if (type === 'text') {
    field.child('text').text({ max: LIMITS.interactive.header });
    return;
  }
  validateEmbeddedMedia(field.child(type), type, deps);
}

export function validateInteractiveBody(field: Field): void {
  field.object(['text']);
  field.child('text').text({ max: LIMITS.interactive.body });
}

export function validateInteractiveFooter(field: Field): void {
  field.object(['text']);
  field.child('text').text({ max: LIMITS.interactive.footer });
}

/** Fails on the second occurrence of a value that must be unique within the message. */
export class UniqueValues {
  private readonly seen = new Set<string>();

  constructor(private readonly what: string) {}

  check(field: Field, value: string): void {
    if (this.seen.has(value)) field.invalid(`duplicate ${this.what} '${value}' (${this.what}s must be unique)`);
    this.seen.add(value);
  }
}
