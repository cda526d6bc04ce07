import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../../runtime/context';
import { jsonField } from '../../validation/json-field';
import { OnPremError } from './onprem-error';
import { expiresAfter, newLoginToken } from './onprem-ids';
import { onPremState } from './onprem-state';

/** The real client's password rule: 8 to 64 characters with upper and lower case, a digit and a symbol. */
const PASSWORD_RULE = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,64}$/;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function authorization(headers: IncomingHttpHeaders): string {
  const value = headers.authorization;
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

const accessDenied = (details: string): OnPremError => new OnPremError(1005, details, 401);

/**
 * POST /v1/users/login with HTTP Basic: a Bearer token valid for loginTtlMs. While the password is
 * the factory one ("secret"), the login must also set a new one with {"new_password": ...}. Error
 * details never repeat what the client sent.
 */
export function logIn(ctx: SandboxContext, headers: IncomingHttpHeaders, body: Buffer): JsonObject {
  const state = onPremState(ctx);
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization(headers));
  if (match === null) throw accessDenied('login needs HTTP Basic authentication (Authorization: Basic base64(username:password))');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  // Both compared, so the answer does not tell which one was wrong.
  const userOk = sameText(username, ctx.config.username);
  const passwordOk = sameText(password, state.password);
  if (!userOk || !passwordOk) throw accessDenied('Invalid credentials: wrong username or password');

  const root = jsonField(body, 'request body');
  root.object(['new_password']);
  const newPassword = root.child('new_password').optionalString({ min: 1 });
  if (newPassword === undefined && state.passwordChangeRequired) {
    throw new OnPremError(1024, 'this user must set a new password: log in again with the body {"new_password": "<new password>"}', 401);
  }
  if (newPassword !== undefined) {
    if (!PASSWORD_RULE.test(newPassword)) {
      throw new OnPremError(1009, 'new_password: must be 8 to 64 characters with an uppercase letter, a lowercase letter, a digit and a special character');
    }
    state.password = newPassword;
    state.passwordChangeRequired = false;
  }

  const now = ctx.now();
  for (const [token, expiry] of state.tokens) if (expiry <= now) state.tokens.delete(token);
  const token = newLoginToken();
  const expiresAt = now + ctx.config.loginTtlMs;
  state.tokens.set(token, expiresAt);
  return { users: [{ token, expires_after: expiresAfter(expiresAt) }] };
}

/** The Bearer token of the request, which must be one this client issued and that has not expired. */
export function authenticate(ctx: SandboxContext, headers: IncomingHttpHeaders): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization(headers));
  if (match === null) throw accessDenied('this call needs Authorization: Bearer <token> (get one from POST /v1/users/login)');
  const expiry = onPremState(ctx).tokens.get(match[1]);
  if (expiry === undefined) throw accessDenied('the token is not valid on this client: log in again (POST /v1/users/login)');
  if (expiry <= ctx.now()) throw accessDenied('the token expired: log in again (POST /v1/users/login)');
  return match[1];
}

export function logOut(ctx: SandboxContext, token: string): JsonObject {
  onPremState(ctx).tokens.delete(token);
  return {};
}
