import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxConfig } from '../../runtime/options';
import { AUTHENTICATION_ERROR, refuse, TIMESTAMP_EXPIRED } from './itnio-answer';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * ITNIO's request authentication: Api-Key names the account, Timestamp (Unix seconds) must be
 * within the tolerance of the server's clock, and Sign must be md5(Api-Key + secret + Timestamp)
 * in hex, compared case-insensitively. The reasons say which part failed but never echo the
 * secret or the expected signature.
 */
export function checkItnioSignature(headers: IncomingHttpHeaders, config: SandboxConfig, nowMs: number): void {
  const apiKey = header(headers, 'api-key');
  if (apiKey === undefined || apiKey === '') refuse(AUTHENTICATION_ERROR, 'authentication error: the Api-Key header is missing');
  if (apiKey !== config.apiKey) refuse(AUTHENTICATION_ERROR, 'authentication error: unknown Api-Key');
  const timestamp = header(headers, 'timestamp');
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    refuse(TIMESTAMP_EXPIRED, 'timestamp expires: the Timestamp header must be the current Unix time in seconds');
  }
  const skew = Math.abs(Math.floor(nowMs / 1000) - Number(timestamp));
  if (skew > config.timestampToleranceS) {
    refuse(TIMESTAMP_EXPIRED, `timestamp expires: Timestamp is ${skew} s away from the server's time (at most ${config.timestampToleranceS} s allowed)`);
  }
  const sign = header(headers, 'sign');
  if (sign === undefined || sign === '') refuse(AUTHENTICATION_ERROR, 'authentication error: the Sign header is missing');
  const expected = createHash('md5').update(`${config.apiKey}${config.apiSecret}${timestamp}`, 'utf8').digest('hex');
  if (sign.toLowerCase() !== expected) refuse(AUTHENTICATION_ERROR, 'authentication error: Sign does not match md5(Api-Key + API secret + Timestamp)');
}
