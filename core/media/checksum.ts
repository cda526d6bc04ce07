import { createHash } from 'node:crypto';

/**
 * Meta gives media checksums as hex (GET /{media-id}) and as base64 (webhooks). Returns true/false
 * when `expected` is a SHA-256 in either form, null when it is neither (nothing to check against).
 */
export function matchesSha256(data: Uint8Array, expected: string): boolean | null {
  const digest = createHash('sha256').update(data).digest();
  const value = expected.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return digest.toString('hex') === value.toLowerCase();
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return digest.toString('base64') === value;
  if (/^[A-Za-z0-9_-]{43}$/.test(value)) return digest.toString('base64url') === value;
  return null;
}
