import { createHash } from 'node:crypto';

/** A short, stable digest of a payload, for de-duplicating events that carry no id of their own. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? 'undefined').digest('base64url').slice(0, 22);
}
