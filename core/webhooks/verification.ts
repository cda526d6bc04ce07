import { timingSafeEqual } from 'node:crypto';
import { WhatsAppConfigError } from '../errors/other-errors';

export interface VerificationResponse {
  /** 200 with the challenge as plain-text body; 403 for a wrong token or mode (as Meta expects); 400 without a usable challenge. */
  status: 200 | 400 | 403;
  body: string;
}

type QueryValue = string | readonly string[] | undefined | null | Record<string, unknown>;

function first(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Reads `hub.mode` whether the framework kept the dotted key or nested it as `hub: { mode }`. */
function hubParam(query: Readonly<Record<string, QueryValue>>, name: string): string | undefined {
  const flat = first(query[`hub.${name}`]);
  if (flat !== undefined) return flat;
  const hub = query.hub;
  return typeof hub === 'object' && hub !== null && !Array.isArray(hub) ? first((hub as Record<string, unknown>)[name]) : undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's challenge is numeric; refusing anything else keeps the echo from reflecting markup. */
const SAFE_CHALLENGE = /^[A-Za-z0-9._~-]{1,256}$/;

/**
 * Answers Meta's GET verification handshake (`hub.mode=subscribe&hub.verify_token=...&hub.challenge=...`):
 * echo the challenge when the token matches. This request carries no signature; do not check one.
 */
export function handleVerificationChallenge(query: Readonly<Record<string, QueryValue>>, verifyToken: string): VerificationResponse {
  if (typeof verifyToken !== 'string' || verifyToken.length === 0) {
    throw new WhatsAppConfigError('A verify token is required to answer the webhook verification handshake');
  }
  const mode = hubParam(query, 'mode');
  const token = hubParam(query, 'verify_token');
  const challenge = hubParam(query, 'challenge');
  if (mode !== 'subscribe') return { status: 403, body: 'hub.mode must be "subscribe"' };
  if (challenge === undefined || !SAFE_CHALLENGE.test(challenge)) return { status: 400, body: 'hub.challenge is missing or malformed' };
  if (token === undefined || !sameToken(token, verifyToken)) return { status: 403, body: 'hub.verify_token does not match' };
  return { status: 200, body: challenge };
}
