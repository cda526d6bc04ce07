import { normalizePhoneNumber } from 'whatsapp-business-core';
import { ConfigError } from './config-error';
import type { ProviderKind, ProviderSettings } from './config';

/**
 * The provider part of the operator's environment: WHATSAPP_PROVIDER and each provider's variables
 * (names fixed by the README). Errors name the variables and never repeat a value.
 */

type Env = Readonly<Record<string, string | undefined>>;

export const PROVIDER_KINDS = ['sandbox', 'cloud', 'maton', 'onprem', 'itnio'] as const;
/** Webhook tokens travel in URLs; long enough that guessing one is hopeless. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 16;

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** Credential variables of each provider: one of them set without WHATSAPP_PROVIDER is refused, never guessed. */
const CREDENTIAL_VARIABLES: readonly (readonly [string, Exclude<ProviderKind, 'sandbox'>])[] = [
  ['WHATSAPP_ACCESS_TOKEN', 'cloud'],
  ['MATON_API_KEY', 'maton'],
  ['WHATSAPP_ONPREM_BASE_URL', 'onprem'],
  ['WHATSAPP_ONPREM_USERNAME', 'onprem'],
  ['WHATSAPP_ONPREM_PASSWORD', 'onprem'],
  ['ITNIO_API_KEY', 'itnio'],
  ['ITNIO_API_SECRET', 'itnio'],
];

/** Reads the named variables; those missing make one error that lists them all (values are never shown). */
function required<const N extends string>(env: Env, provider: string, names: readonly N[]): Record<N, string> {
  const values = {} as Record<N, string>;
  const missing: string[] = [];
  for (const name of names) {
    const value = text(env[name]);
    if (value === undefined) missing.push(name);
    else values[name] = value;
  }
  if (missing.length > 0) throw new ConfigError(`WHATSAPP_PROVIDER=${provider} needs ${missing.join(', ')}`);
  return values;
}

/** An optional http(s) URL; the message names the variable and not the value (it may embed credentials). */
function urlVariable(env: Env, name: string): string | undefined {
  const value = text(env[name]);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL such as https://host:9090/v1`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${name} must be an http or https URL`);
  if (parsed.username !== '' || parsed.password !== '') throw new ConfigError(`${name} must not carry a user name or password (use the provider's own variables)`);
  return value;
}

function booleanVariable(env: Env, name: string): boolean {
  const value = text(env[name])?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be true, false, 1 or 0`);
}

function refuseVariable(env: Env, name: string, why: string): void {
  if (text(env[name]) !== undefined) throw new ConfigError(`${name} ${why}`);
}

function matonSettings(env: Env): ProviderSettings {
  const { MATON_API_KEY } = required(env, 'maton', ['MATON_API_KEY']);
  // Maton reaches Meta's Graph API through its own gateway; a Graph base URL here is a mistake.
  refuseVariable(env, 'WHATSAPP_BASE_URL', 'does not apply to Maton: set MATON_GATEWAY_URL to change the gateway address');
  return {
    kind: 'maton',
    apiKey: MATON_API_KEY,
    connectionId: text(env.MATON_CONNECTION_ID),
    gatewayUrl: urlVariable(env, 'MATON_GATEWAY_URL'),
    controlUrl: urlVariable(env, 'MATON_CONTROL_URL'),
    phoneNumberId: text(env.WHATSAPP_PHONE_NUMBER_ID),
    wabaId: text(env.WHATSAPP_WABA_ID),
    apiVersion: text(env.WHATSAPP_API_VERSION),
  };
}

function onPremSettings(env: Env): ProviderSettings {
  const values = required(env, 'onprem', ['WHATSAPP_ONPREM_BASE_URL', 'WHATSAPP_ONPREM_USERNAME', 'WHATSAPP_ONPREM_PASSWORD']);
  return {
    kind: 'onprem',
    baseUrl: urlVariable(env, 'WHATSAPP_ONPREM_BASE_URL') ?? values.WHATSAPP_ONPREM_BASE_URL,
    username: values.WHATSAPP_ONPREM_USERNAME,
    password: values.WHATSAPP_ONPREM_PASSWORD,
    insecureTls: booleanVariable(env, 'WHATSAPP_ONPREM_INSECURE_TLS'),
    templateNamespace: text(env.WHATSAPP_ONPREM_TEMPLATE_NAMESPACE),
  };
}

function itnioSettings(env: Env): ProviderSettings {
  const values = required(env, 'itnio', ['ITNIO_API_KEY', 'ITNIO_API_SECRET', 'ITNIO_APP_ID', 'ITNIO_BUSINESS_PHONE']);
  const phone = normalizePhoneNumber(values.ITNIO_BUSINESS_PHONE);
  if (!phone.ok) throw new ConfigError(`ITNIO_BUSINESS_PHONE ${phone.reason} (the business WhatsApp number with its country code)`);
  // The same rule as core's ITNIO configuration, checked here so the error names the variable before start-up.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(values.ITNIO_APP_ID)) throw new ConfigError('ITNIO_APP_ID must be letters and digits (the application id from the ITNIO console, like DGziZf5u)');
  return {
    kind: 'itnio',
    apiKey: values.ITNIO_API_KEY,
    apiSecret: values.ITNIO_API_SECRET,
    appId: values.ITNIO_APP_ID,
    businessPhone: phone.digits,
    baseUrl: urlVariable(env, 'ITNIO_BASE_URL'),
  };
}

export function providerSettings(env: Env): ProviderSettings {
  const kind = text(env.WHATSAPP_PROVIDER)?.toLowerCase();
  if (kind === undefined || kind === 'sandbox') {
    const stray = CREDENTIAL_VARIABLES.find(([name]) => text(env[name]) !== undefined);
    if (stray !== undefined) {
      const [name, provider] = stray;
      // Never guess: credentials with no provider might be meant for a real API, and the sandbox might be meant for testing.
      throw new ConfigError(
        kind === undefined
          ? `${name} is set but WHATSAPP_PROVIDER is not: set WHATSAPP_PROVIDER=${provider} to use ${name.startsWith('WHATSAPP_ACCESS') ? 'the Cloud API' : 'that provider'}, or unset ${name} to use the embedded sandbox`
          : `${name} is set but WHATSAPP_PROVIDER=sandbox: the embedded sandbox makes its own credentials; unset ${name}`,
      );
    }
    return { kind: 'sandbox' };
  }
  switch (kind) {
    case 'cloud': {
      const accessToken = text(env.WHATSAPP_ACCESS_TOKEN);
      if (accessToken === undefined) throw new ConfigError('WHATSAPP_PROVIDER=cloud needs WHATSAPP_ACCESS_TOKEN');
      return {
        kind: 'cloud',
        accessToken,
        phoneNumberId: text(env.WHATSAPP_PHONE_NUMBER_ID),
        wabaId: text(env.WHATSAPP_WABA_ID),
        apiVersion: text(env.WHATSAPP_API_VERSION),
        baseUrl: text(env.WHATSAPP_BASE_URL),
      };
    }
    case 'maton':
      return matonSettings(env);
    case 'onprem':
      return onPremSettings(env);
    case 'itnio':
      return itnioSettings(env);
    default: {
      const shown = /^[a-z_-]{1,20}$/.test(kind) ? ` ${JSON.stringify(kind)}` : '';
      throw new ConfigError(`WHATSAPP_PROVIDER${shown} is unknown: expected one of ${PROVIDER_KINDS.map((k) => `"${k}"`).join(', ')}`);
    }
  }
}

export function webhookToken(env: Env): string | null {
  const token = text(env.WHATSAPP_WEBHOOK_TOKEN);
  if (token === undefined) return null;
  if (token.length < MIN_WEBHOOK_TOKEN_LENGTH) throw new ConfigError(`WHATSAPP_WEBHOOK_TOKEN must be at least ${MIN_WEBHOOK_TOKEN_LENGTH} characters`);
  // It travels in a URL query and as a Basic-auth password: only characters that need no escaping there.
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) throw new ConfigError('WHATSAPP_WEBHOOK_TOKEN must use only letters, digits and - . _ ~ (it travels in URLs)');
  return token;
}
