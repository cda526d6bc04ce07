import { createHash, timingSafeEqual } from 'node:crypto';

/** What an unsigned webhook request may carry its shared secret in. */
export interface SharedSecretCarriers {
  /** The `token` query parameter. */
  token?: string | null;
  /** The Authorization header; its Basic password counts (what https://user:secret@host/... sends). */
  authorization?: string | null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function basicPassword(header: string | null | undefined): string | null {
  const match = typeof header === 'string' ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (match === null) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/**
 * Whether an unsigned webhook (On-Premises, ITNIO: neither signs its callbacks) carries the shared
 * secret, as `?token=<secret>` or as the password of HTTP Basic auth. Every candidate is compared
 * over digests, in constant time, so neither the content nor the length of the secret leaks. An
 * empty secret matches nothing: whether "no secret configured" means open is the caller's policy.
 */
export function carriesSharedSecret(secret: string, carriers: SharedSecretCarriers): boolean {
  if (secret === '') return false;
  const expected = digest(secret);
  const candidates = [carriers.token ?? null, basicPassword(carriers.authorization)].filter((value): value is string => value !== null && value !== '');
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(digest(candidate), expected) || matched;
  return matched;
}
