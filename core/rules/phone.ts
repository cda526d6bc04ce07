import { LIMITS } from './limits';

/** Characters people type around phone numbers; they carry no meaning for WhatsApp. */
const PHONE_SEPARATORS = /[\s\-().]/g;

export type PhoneNormalization = { ok: true; digits: string } | { ok: false; reason: string };

/**
 * WhatsApp addresses users by country code + number, digits only. Accept what people paste
 * ("+1 (650) 555-1234", "0049 170 1234567") and reduce it to digits, or say why it is not a number.
 * `maxDigits` is for services stricter than WhatsApp (ITNIO takes at most 14).
 */
export function normalizePhoneNumber(input: string, maxDigits: number = LIMITS.phoneNumber.maxDigits): PhoneNormalization {
  let value = input.trim().replace(PHONE_SEPARATORS, '');
  if (value.startsWith('+')) value = value.slice(1);
  else if (value.startsWith('00')) value = value.slice(2);
  if (value.length === 0) return { ok: false, reason: 'must contain a phone number' };
  if (!/^\d+$/.test(value)) {
    return { ok: false, reason: 'must contain only digits after removing spaces, dashes, parentheses and a leading + or 00' };
  }
  // Country codes never start with 0; a leading 0 is a national number without its country code.
  if (value.startsWith('0')) return { ok: false, reason: 'must start with the country code (a national number starting with 0 is not enough)' };
  const { minDigits } = LIMITS.phoneNumber;
  if (value.length < minDigits || value.length > maxDigits) {
    return {
      ok: false,
      reason: `must have ${minDigits}-${maxDigits} digits including the country code (got ${value.length})`,
    };
  }
  return { ok: true, digits: value };
}
