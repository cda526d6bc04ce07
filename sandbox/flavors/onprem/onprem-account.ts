import { normalizePhoneNumber, type JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import { randomDigits } from '../../runtime/ids';
import type { Field } from '../../validation/field';
import { jsonField } from '../../validation/json-field';
import { OnPremError, withOnPremErrors } from './onprem-error';
import { onPremState } from './onprem-state';

export interface OnPremAnswer {
  status: number;
  body: JsonObject;
}

function digits(field: Field, min: number, max: number): string {
  const value = field.string({ min: 1 });
  if (!new RegExp(`^\\d{${min},${max}}$`).test(value)) field.invalid(`must be ${min === max ? min : `${min} to ${max}`} digits`);
  return value;
}

/**
 * POST /v1/account. The sandbox starts registered with its display number: asking for that number
 * answers 201 (already registered). Any other number gets a code (202, with the display name);
 * the code is not sent anywhere but written to the sandbox log ("onprem: registration code ...").
 */
export function requestCode(ctx: SandboxContext, body: Buffer): OnPremAnswer {
  const state = onPremState(ctx);
  const number = withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(['cc', 'phone_number', 'method', 'cert', 'pin']);
    const cc = digits(root.child('cc'), 1, 3);
    const phone = digits(root.child('phone_number'), 4, 14);
    root.child('method').oneOf(['sms', 'voice'] as const);
    const cert = root.child('cert').string({ min: 1 });
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cert)) root.child('cert').invalid('must be the base64 certificate from WhatsApp Manager');
    if (root.child('pin').isPresent) digits(root.child('pin'), 6, 6);
    return `${cc}${phone}`;
  });
  if (number === state.registeredNumber) return { status: 201, body: {} };
  const code = randomDigits(6);
  state.pending = { number, code };
  ctx.config.log(`onprem: registration code for +${number}: ${code}`);
  return { status: 202, body: { account: [{ vname: ctx.config.verifiedName }] } };
}

/** POST /v1/account/verify {"code"}: registers the number the last code was sent for. */
export function verifyCode(ctx: SandboxContext, body: Buffer): OnPremAnswer {
  const state = onPremState(ctx);
  const code = withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(['code']);
    return digits(root.child('code'), 6, 6);
  });
  if (state.pending === null) throw new OnPremError(1009, 'code: no registration code was requested (POST /v1/account first)');
  if (code !== state.pending.code) throw new OnPremError(1009, 'code: does not match the registration code that was sent');
  state.registeredNumber = state.pending.number;
  state.pending = null;
  return { status: 201, body: {} };
}

/**
 * POST /v1/contacts. A number is "valid" (wa_id = its digits) unless it is malformed or its last
 * four digits are 0000, the sandbox's numbers that are not on WhatsApp ("invalid"). With
 * blocking "no_wait" (the default) a number the client has not seen before is "processing" the
 * first time and resolved from then on; "wait" resolves every number at once.
 */
export function checkContacts(ctx: SandboxContext, body: Buffer): JsonObject {
  const known = onPremState(ctx).knownContacts;
  return withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(['blocking', 'contacts']);
    const blocking = root.child('blocking').isPresent ? root.child('blocking').oneOf(['wait', 'no_wait'] as const) : 'no_wait';
    const inputs = root.child('contacts').array({ min: 1, noun: 'contacts' }).map((item) => item.string());
    const contacts = inputs.map((input): JsonObject => {
      const normalized = normalizePhoneNumber(input);
      if (!normalized.ok) return { input, status: 'invalid' };
      const seen = known.has(normalized.digits);
      known.add(normalized.digits);
      if (blocking === 'no_wait' && !seen) return { input, status: 'processing' };
      if (normalized.digits.endsWith('0000')) return { input, status: 'invalid' };
      return { input, status: 'valid', wa_id: normalized.digits };
    });
    return { contacts };
  });
}

/** GET /v1/health: "connecting" while the core app starts (startupDelayMs after start), then "connected". */
export function health(starting: boolean): JsonObject {
  return { health: { gateway_status: starting ? 'connecting' : 'connected' } };
}
