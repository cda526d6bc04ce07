import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function sameSecret(presented: string, secret: string): boolean {
  return timingSafeEqual(digest(presented), digest(secret));
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** The password of an `Authorization: Basic` header (what https://user:secret@host/... sends). */
function basicPassword(header: unknown): string | undefined {
  const value = firstString(header);
  const match = value === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/**
 * Whether an unsigned webhook (On-Premises, ITNIO) carries the credential's shared secret, as
 * `?token=<secret>` or as the password of HTTP Basic auth. No secret configured: always true.
 * Every candidate is compared, in constant time.
 */
export function carriesSharedSecret(secret: string, query: IDataObject, headers: IDataObject): boolean {
  if (secret === '') return true;
  const candidates = [firstString(query.token), basicPassword(headers.authorization)].filter((value): value is string => value !== undefined);
  let matched = false;
  for (const candidate of candidates) matched = sameSecret(candidate, secret) || matched;
  return matched;
}

/** The URL the sender must call: the webhook URL with the secret as ?token= (when there is one). */
export function urlWithSecret(webhookUrl: string, secret: string): string {
  if (secret === '') return webhookUrl;
  const url = new URL(webhookUrl);
  url.searchParams.set('token', secret);
  return url.toString();
}
