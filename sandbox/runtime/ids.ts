import { randomBytes, randomInt } from 'node:crypto';

const TRACE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Graph's fbtrace_id: 23 characters of a URL-safe alphabet, e.g. `AXsgnV2Cm3ZMGF3dF_cfYIn`. */
export function newTraceId(): string {
  let id = '';
  for (let i = 0; i < 23; i += 1) id += TRACE_ALPHABET[randomInt(TRACE_ALPHABET.length)];
  return id;
}

/**
 * Graph object ids are numeric strings of 16 digits like Meta's media and template ids. Starting
 * with 1 keeps them below 2^53, so webhooks can carry them as JSON numbers (as Meta does for
 * message_template_id) without losing precision.
 */
export function newNumericId(): string {
  let id = '1';
  for (let i = 0; i < 15; i += 1) id += String(randomInt(10));
  return id;
}

/**
 * Meta's message ids are `wamid.` plus base64 of an opaque binary record that embeds the
 * recipient's number; mimic that so ids look and parse like real ones.
 */
export function newMessageId(waId: string): string {
  const record = Buffer.concat([Buffer.from([0x1c, 0x18, waId.length]), Buffer.from(waId), randomBytes(18)]);
  return `wamid.${record.toString('base64')}`;
}

/** Random decimal digits, e.g. for the webhook handshake challenge. */
export function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(10));
  return digits;
}

export function randomHash(): string {
  return randomBytes(16).toString('base64url');
}
