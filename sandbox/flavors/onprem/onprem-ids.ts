import { randomBytes } from 'node:crypto';

/**
 * On-Premises message ids are opaque base64 strings like "gBEGkYiEB1VXAglK1ZEqA1YKPrU", without
 * Cloud's "wamid." prefix; the same form serves sent and received messages.
 */
export function newOnPremMessageId(): string {
  return randomBytes(21).toString('base64url');
}

/** A login token; the real client issues JWTs, which clients treat as opaque too. */
export function newLoginToken(): string {
  return randomBytes(32).toString('base64url');
}

/** `expires_after` as the client writes it: "2018-03-01 15:29:26+00:00". */
export function expiresAfter(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`;
}
