import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The bearer token from the Authorization header, else the access_token query parameter. */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | null {
  const header = headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match === null ? null : match[1].trim();
  }
  return query.get('access_token');
}

export function isAuthorized(headers: IncomingHttpHeaders, query: URLSearchParams, token: string): boolean {
  const presented = presentedToken(headers, query);
  if (presented === null) return false;
  const given = Buffer.from(presented);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
