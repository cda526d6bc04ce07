import type { IDataObject } from 'n8n-workflow';
import { carriesSharedSecret as coreCarriesSharedSecret } from '../shared/core';

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/**
 * Whether an unsigned webhook (On-Premises, ITNIO) carries the credential's shared secret, as
 * `?token=<secret>` or as the password of HTTP Basic auth (compared by core, in constant time).
 * No secret configured: always true, as the credential's field says.
 */
export function carriesSharedSecret(secret: string, query: IDataObject, headers: IDataObject): boolean {
  if (secret === '') return true;
  return coreCarriesSharedSecret(secret, { token: firstString(query.token), authorization: firstString(headers.authorization) });
}

/** The URL the sender must call: the webhook URL with the secret as ?token= (when there is one). */
export function urlWithSecret(webhookUrl: string, secret: string): string {
  if (secret === '') return webhookUrl;
  const url = new URL(webhookUrl);
  url.searchParams.set('token', secret);
  return url.toString();
}
