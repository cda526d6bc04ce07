import { createHash } from 'node:crypto';

/** ITNIO's credentials: the "API authentication name" (Api-Key) and its secret. */
export interface ItnioCredentials {
  apiKey: string;
  apiSecret: string;
}

/**
 * ITNIO's request signature: the lower-case hex MD5 of apiKey + apiSecret + timestamp, the
 * timestamp being the same string sent in the Timestamp header (Unix seconds). ITNIO compares it
 * case-insensitively; lower case is what its own examples send.
 */
export function itnioSign(apiKey: string, apiSecret: string, timestamp: string): string {
  return createHash('md5').update(`${apiKey}${apiSecret}${timestamp}`, 'utf8').digest('hex');
}

/** Unix seconds as ITNIO's Timestamp header wants them: whole seconds, as a decimal string. */
export function itnioTimestamp(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

/**
 * The three authentication headers for a request sent at `nowMs`. Computed per attempt: ITNIO
 * refuses a Timestamp too far from its own time (-16), so a retry must not reuse an old one.
 */
export function itnioAuthHeaders(credentials: ItnioCredentials, nowMs: number): Record<string, string> {
  const timestamp = itnioTimestamp(nowMs);
  return {
    'api-key': credentials.apiKey,
    timestamp,
    sign: itnioSign(credentials.apiKey, credentials.apiSecret, timestamp),
  };
}
