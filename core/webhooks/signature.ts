import { createHmac, timingSafeEqual } from 'node:crypto';
import { WhatsAppConfigError } from '../errors/other-errors';

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Meta signs the payload with non-ASCII characters escaped as \uXXXX (lowercase hex, UTF-16 code
 * units). Raw bytes straight from Meta are already in that form; this rebuilds it for bodies that an
 * intermediary re-encoded as plain UTF-8.
 */
export function escapeUnicode(text: string): string {
  // DEL (0x7f) is escaped too, as whatsapp-api-js does against Meta's signatures.
  return text.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toBytes(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function hmac(appSecret: string, bytes: Buffer): Buffer {
  return createHmac('sha256', appSecret).update(bytes).digest();
}

/** `sha256=<hex>` for these exact bytes, as Meta would send it in X-Hub-Signature-256. */
export function signWebhookPayload(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${hmac(appSecret, toBytes(rawBody)).toString('hex')}`;
}

/**
 * Checks X-Hub-Signature-256 against the raw request body, in constant time. Pass the body exactly
 * as received (bytes or the undecoded string), never re-serialized JSON. Returns false for a missing,
 * malformed or wrong signature; throws only when no app secret is configured.
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | readonly string[] | null | undefined,
  appSecret: string,
): boolean {
  if (typeof appSecret !== 'string' || appSecret.length === 0) {
    throw new WhatsAppConfigError('An app secret is required to verify webhook signatures');
  }
  const header = Array.isArray(signatureHeader) ? signatureHeader[0] : signatureHeader;
  const match = typeof header === 'string' ? SIGNATURE_HEADER.exec(header.trim()) : null;
  if (match === null) return false;
  const expected = Buffer.from(match[1], 'hex');
  const bytes = toBytes(rawBody);
  if (timingSafeEqual(hmac(appSecret, bytes), expected)) return true;
  const hasNonAscii = bytes.some((byte) => byte >= 0x7f);
  if (!hasNonAscii) return false;
  return timingSafeEqual(hmac(appSecret, Buffer.from(escapeUnicode(bytes.toString('utf8')), 'utf8')), expected);
}
