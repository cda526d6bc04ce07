import { createHmac } from 'node:crypto';

/** Headers Meta signs webhook POSTs with: HMAC of the exact body bytes keyed by the app secret. */
export function signatureHeaders(appSecret: string, body: Buffer): Record<string, string> {
  return {
    'X-Hub-Signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
    // Meta still sends the legacy SHA-1 header alongside; older receivers check only that one.
    'X-Hub-Signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
  };
}
