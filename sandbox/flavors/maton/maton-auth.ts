import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Maton takes its API key only as `Authorization: Bearer <key>` (no query parameter, unlike Graph). */
export function hasMatonKey(headers: IncomingHttpHeaders, key: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization?.trim() ?? '');
  if (match === null) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
