import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../config';

/** Host names every loopback-bound server answers to. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Lower-case host name of a Host header or URL authority, without the port. */
export function hostnameOf(authority: string): string | null {
  const value = authority.trim().toLowerCase();
  if (value === '') return null;
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end < 0 ? null : value.slice(0, end + 1);
  }
  const colon = value.indexOf(':');
  if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) return `[${value}]`; // a bare IPv6 literal
  return colon >= 0 ? value.slice(0, colon) : value;
}

export interface OriginPolicy {
  /** Allowed host names (no port). */
  hosts: ReadonlySet<string>;
  /** Allowed browser origins, exactly (scheme://host[:port]). */
  origins: ReadonlySet<string>;
}

/**
 * DNS-rebinding protection: the Host header must name this server (loopback names, the bind
 * address, or names the operator added), and a browser Origin, when present, too.
 */
export function originPolicy(bindHost: string, allowedHosts: readonly string[], allowedOrigins: readonly string[]): OriginPolicy {
  const hosts = new Set<string>(LOOPBACK_NAMES);
  const bound = hostnameOf(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost);
  if (bound !== null && bound !== '0.0.0.0' && bound !== '[::]' && !isLoopbackHost(bound)) hosts.add(bound);
  for (const host of allowedHosts) {
    const name = hostnameOf(host);
    if (name !== null) hosts.add(name);
  }
  return { hosts, origins: new Set(allowedOrigins) };
}

/** Why a request is refused (403), or null when its Host and Origin are acceptable. */
export function checkHostAndOrigin(req: IncomingMessage, policy: OriginPolicy): string | null {
  const host = hostnameOf(req.headers.host ?? '');
  if (host === null || !policy.hosts.has(host)) return 'Host header not allowed';
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (policy.origins.has(origin.toLowerCase())) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'Origin header not allowed';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !policy.hosts.has(url.hostname.toLowerCase())) return 'Origin header not allowed';
  return null;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares a bearer token in constant time. Returns 'missing', 'invalid' or 'ok'. */
export function checkBearer(req: IncomingMessage, expected: string): 'missing' | 'invalid' | 'ok' {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return 'invalid';
  return timingSafeEqual(digest(match[1]), digest(expected)) ? 'ok' : 'invalid';
}
