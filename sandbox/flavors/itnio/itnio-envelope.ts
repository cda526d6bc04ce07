import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import type { SandboxConfig } from '../../runtime/options';
import { CHANNEL_TYPE_NOT_ZERO, EMPTY_FIELD, refuse, WRONG_PARAMETER_TYPE } from './itnio-answer';
import { isBlank } from './itnio-fields';

interface NumberCodes {
  label: string;
  tooLong: number;
  tooShort: number;
  notDigits: number;
}

const RECIPIENT: NumberCodes = { label: 'recipient', tooLong: -70, tooShort: -71, notDigits: -72 };
const BUSINESS_PHONE: NumberCodes = { label: 'businessPhone', tooLong: -93, tooShort: -94, notDigits: -95 };
const BUSINESS_PHONE_UNKNOWN = -96;
const MIN_DIGITS = 7;
const MAX_DIGITS = 14;

/** ITNIO documents numbers as strings, but its own examples send businessPhone as a JSON number. */
function phoneDigits(value: JsonValue | undefined, codes: NumberCodes): string {
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
  else refuse(codes.notDigits, `${codes.label} must be digits (got a JSON ${Array.isArray(value) ? 'array' : typeof value})`);
  if (!/^\d*$/.test(text)) refuse(codes.notDigits, `${codes.label} must contain only digits (country code and number, no + or spaces)`);
  if (text.length > MAX_DIGITS) refuse(codes.tooLong, `${codes.label} cannot be longer than ${MAX_DIGITS} digits (got ${text.length})`);
  if (text.length < MIN_DIGITS) refuse(codes.tooShort, `${codes.label} cannot be shorter than ${MIN_DIGITS} digits (got ${text.length})`);
  return text;
}

/** The request body as an object; anything else is a parameter of the wrong type. */
export function parseItnioBody(body: Buffer): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    refuse(WRONG_PARAMETER_TYPE, 'request body: not valid JSON');
  }
  if (!isJsonObject(parsed)) refuse(WRONG_PARAMETER_TYPE, 'request body: must be a JSON object');
  return parsed as JsonObject;
}

/**
 * appId must be the account's application. ITNIO documents no code for a wrong one; -14 ("empty
 * field / bad id" in its SMS family) is the closest, so the sandbox answers that.
 */
export function checkAppId(body: JsonObject, config: SandboxConfig): void {
  if (isBlank(body.appId)) refuse(EMPTY_FIELD, 'appId cannot be empty');
  if (body.appId !== config.appId) refuse(EMPTY_FIELD, 'appId: no application with this id on this account');
}

/**
 * The business number: well formed (-93 to -95) and the sandbox's own (-96). The sandbox's one
 * number is always in good standing, so "status error" (-97) never occurs here.
 */
export function checkBusinessPhone(body: JsonObject, config: SandboxConfig): void {
  const digits = phoneDigits(body.businessPhone, BUSINESS_PHONE);
  if (digits !== config.displayPhoneNumber.replace(/\D/g, '')) refuse(BUSINESS_PHONE_UNKNOWN, 'businessPhone: this business number does not exist on this account');
}

export function recipientDigits(body: JsonObject): string {
  return phoneDigits(body.recipient, RECIPIENT);
}

/** channelType: 0 (WhatsApp) is the only value; "0" is read the same. */
export function checkChannelType(body: JsonObject): void {
  if (body.channelType !== 0 && body.channelType !== '0') refuse(CHANNEL_TYPE_NOT_ZERO, 'channelType can only be 0 (WhatsApp)');
}
