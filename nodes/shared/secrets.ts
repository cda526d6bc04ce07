import type { IAllExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { basicCredentials, createRedactor, itnioSign } from './core';

const REDACTED = '[redacted]';

/**
 * The fields of this package's credential types that hold secrets. With n8n the credential signs
 * every request, so core never learns these and cannot redact them itself: whatever a server or
 * an HTTP client echoes back would reach the node's errors unless removed here.
 */
export const SECRET_FIELDS = ['accessToken', 'apiKey', 'apiSecret', 'appSecret', 'password', 'token', 'verifyToken', 'webhookSecret'] as const;

/** Shorter values are not searched for: replacing them would mangle ordinary words (as core does). */
const MIN_SECRET_LENGTH = 4;

/**
 * How far from now an ITNIO Sign is recognised. ITNIO refuses a Timestamp a few minutes off (its
 * -16), so a Sign outside this window no longer opens anything.
 */
const SIGN_WINDOW_SECONDS = 15 * 60;

export type Redact = (text: string) => string;

export const noRedaction: Redact = (text) => text;

function text(credentials: ICredentialDataDecryptedObject, name: string): string {
  const value = credentials[name];
  return typeof value === 'string' ? value : '';
}

/** Every form a secret takes on the wire: as typed, trimmed, URL-encoded, form-encoded. */
function forms(secret: string): string[] {
  return [secret, secret.trim(), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
}

/** The secrets of these credentials, and what they are combined into (Basic value, Meta app token). */
export function secretsOf(all: readonly ICredentialDataDecryptedObject[]): string[] {
  const found = new Set<string>();
  const add = (values: string[]) => values.filter((value) => value.length >= MIN_SECRET_LENGTH).forEach((value) => found.add(value));
  for (const credentials of all) {
    for (const field of SECRET_FIELDS) if (text(credentials, field) !== '') add(forms(text(credentials, field)));
    const password = text(credentials, 'password');
    // The On-Premises login sends user:password as HTTP Basic.
    if (password !== '') add([basicCredentials(text(credentials, 'username').trim(), password)]);
    const appSecret = text(credentials, 'appSecret');
    // Meta's app access token is "app-id|app-secret".
    if (appSecret !== '') add(forms(`${text(credentials, 'appId').trim()}|${appSecret}`));
  }
  return [...found];
}

/** ITNIO's Sign for each second around now: md5(apiKey + apiSecret + timestamp), as the credential computes it. */
function itnioSigns(all: readonly ICredentialDataDecryptedObject[], nowMs: number): () => ReadonlySet<string> {
  const signers = all
    .map((credentials) => ({ key: text(credentials, 'apiKey').trim(), secret: text(credentials, 'apiSecret').trim() }))
    .filter(({ key, secret }) => key !== '' && secret !== '');
  let signs: Set<string> | null = null;
  // Computed on first use only (some 1800 hashes per credential), i.e. when an error holds a 32-hex string.
  return () => {
    if (signs !== null) return signs;
    signs = new Set<string>();
    const now = Math.floor(nowMs / 1000);
    for (const { key, secret } of signers) {
      for (let at = now - SIGN_WINDOW_SECONDS; at <= now + SIGN_WINDOW_SECONDS; at += 1) {
        signs.add(itnioSign(key, secret, String(at)));
      }
    }
    return signs;
  };
}

/** A redactor for everything these credentials hold (and the ITNIO Signs they make). */
export function credentialRedactor(all: readonly ICredentialDataDecryptedObject[], nowMs = Date.now()): Redact {
  const secrets = secretsOf(all);
  const signs = itnioSigns(all, nowMs);
  const signing = all.some((credentials) => text(credentials, 'apiKey') !== '' && text(credentials, 'apiSecret') !== '');
  // Core's redactor: the same longest-first replacement and credential patterns as the providers'.
  const redact = createRedactor(secrets);
  return (input: string): string => {
    let out = redact(input);
    if (signing) out = out.replace(/\b[0-9a-fA-F]{32}\b/g, (hex) => (signs().has(hex.toLowerCase()) ? REDACTED : hex));
    return out;
  };
}

/**
 * A redactor for the node's credentials of these types, read now: after a re-login the newest
 * token is the one a late error could echo. Never throws (it runs while reporting an error); a
 * credential that cannot be read is skipped.
 */
export async function redactorFor(context: IAllExecuteFunctions, credentialTypes: readonly string[]): Promise<Redact> {
  const all: ICredentialDataDecryptedObject[] = [];
  for (const type of credentialTypes) {
    try {
      all.push(await context.getCredentials(type));
    } catch {
      // Not set on this node (or not readable): nothing of it can be in the error.
    }
  }
  return all.length === 0 ? noRedaction : credentialRedactor(all);
}

/**
 * A URL with the secrets it may carry masked: the password of `user:password@`, and a `token`
 * query parameter (how the trigger's Webhook Secret is given to an On-Premises client or ITNIO).
 */
export function maskUrlSecrets(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, `$1${REDACTED}@`).replace(/([?&]token=)[^&#]*/gi, `$1${REDACTED}`);
}
