import { basicCredentials, PROVIDER_SUPPORT, WhatsAppConfigError } from 'whatsapp-business-core';
import type { ProviderConfig, ProviderName } from 'whatsapp-business-core';
import { ConfigError } from './config-error';
import type { ProviderSettings } from './config';

/** A provider configured by the operator (every kind but the embedded sandbox). */
export type ConfiguredProvider = Exclude<ProviderSettings, { kind: 'sandbox' }>;

/**
 * Which environment variable sets each field of core's provider configuration, so that core's
 * configuration errors (which name fields) can name what the operator actually sets.
 */
const ENV_NAMES: Readonly<Record<ProviderName, Readonly<Record<string, string>>>> = {
  cloud: {
    accessToken: 'WHATSAPP_ACCESS_TOKEN',
    phoneNumberId: 'WHATSAPP_PHONE_NUMBER_ID',
    wabaId: 'WHATSAPP_WABA_ID',
    apiVersion: 'WHATSAPP_API_VERSION',
    baseUrl: 'WHATSAPP_BASE_URL',
  },
  maton: {
    apiKey: 'MATON_API_KEY',
    connectionId: 'MATON_CONNECTION_ID',
    gatewayUrl: 'MATON_GATEWAY_URL',
    controlUrl: 'MATON_CONTROL_URL',
    phoneNumberId: 'WHATSAPP_PHONE_NUMBER_ID',
    wabaId: 'WHATSAPP_WABA_ID',
    apiVersion: 'WHATSAPP_API_VERSION',
  },
  onprem: {
    baseUrl: 'WHATSAPP_ONPREM_BASE_URL',
    username: 'WHATSAPP_ONPREM_USERNAME',
    password: 'WHATSAPP_ONPREM_PASSWORD',
    insecureTls: 'WHATSAPP_ONPREM_INSECURE_TLS',
    templateNamespace: 'WHATSAPP_ONPREM_TEMPLATE_NAMESPACE',
  },
  itnio: {
    apiKey: 'ITNIO_API_KEY',
    apiSecret: 'ITNIO_API_SECRET',
    appId: 'ITNIO_APP_ID',
    businessPhone: 'ITNIO_BUSINESS_PHONE',
    baseUrl: 'ITNIO_BASE_URL',
  },
};

/** Core's configuration for the operator's provider. */
export function providerConfigFor(settings: ConfiguredProvider): ProviderConfig {
  switch (settings.kind) {
    case 'cloud':
      return {
        provider: 'cloud',
        accessToken: settings.accessToken,
        phoneNumberId: settings.phoneNumberId,
        wabaId: settings.wabaId,
        apiVersion: settings.apiVersion,
        baseUrl: settings.baseUrl,
      };
    case 'maton':
      return {
        provider: 'maton',
        apiKey: settings.apiKey,
        connectionId: settings.connectionId,
        gatewayUrl: settings.gatewayUrl,
        controlUrl: settings.controlUrl,
        phoneNumberId: settings.phoneNumberId,
        wabaId: settings.wabaId,
        apiVersion: settings.apiVersion,
      };
    case 'onprem':
      return {
        provider: 'onprem',
        baseUrl: settings.baseUrl,
        username: settings.username,
        password: settings.password,
        insecureTls: settings.insecureTls,
        templateNamespace: settings.templateNamespace,
      };
    case 'itnio':
      return {
        provider: 'itnio',
        apiKey: settings.apiKey,
        apiSecret: settings.apiSecret,
        appId: settings.appId,
        businessPhone: settings.businessPhone,
        baseUrl: settings.baseUrl,
      };
  }
}

/** The credentials in the operator's settings, for the secret scrubber. */
export function providerSecrets(settings: ProviderSettings): string[] {
  switch (settings.kind) {
    case 'sandbox':
      return [];
    case 'cloud':
      return [settings.accessToken];
    case 'maton':
      return [settings.apiKey];
    case 'onprem':
      // Also the base64 of user:password, as the login's Authorization: Basic header carries it.
      return [settings.password, basicCredentials(settings.username, settings.password)];
    case 'itnio':
      return [settings.apiKey, settings.apiSecret];
  }
}

/** "Meta Cloud API", "Maton gateway"... as core names the provider. */
export function providerLabelFor(kind: ProviderName): string {
  return PROVIDER_SUPPORT[kind].label;
}

/**
 * The same configuration without credentials, for dry runs: the recording transport stands in
 * for authentication (so On-Premises does not log in first), and no credential reaches the
 * request that is shown. Waiting for a starting On-Premises client is off: nothing is sent.
 */
export function credentialFreeConfig(config: ProviderConfig): ProviderConfig {
  switch (config.provider) {
    case 'cloud': {
      const { accessToken: _token, ...rest } = config;
      return { ...rest, transportAuthenticates: true };
    }
    case 'maton': {
      const { apiKey: _key, ...rest } = config;
      // Pacing would only slow the dry run down.
      return { ...rest, transportAuthenticates: true, maxRequestsPerSecond: 0 };
    }
    case 'onprem': {
      const { username: _user, password: _password, ...rest } = config;
      return { ...rest, transportAuthenticates: true, readinessTimeoutMs: 0 };
    }
    case 'itnio': {
      const { apiKey: _key, apiSecret: _secret, ...rest } = config;
      return { ...rest, transportAuthenticates: true };
    }
  }
}

/**
 * Core's configuration error with its field names replaced by the environment variables that set
 * them (core never puts values in these messages).
 */
export function configErrorFromCore(error: WhatsAppConfigError, kind: ProviderName): ConfigError {
  const names = ENV_NAMES[kind];
  let message = error.message;
  for (const [field, variable] of Object.entries(names)) {
    message = message.replace(new RegExp(`\\b${field}\\b(?=:)`, 'g'), variable);
  }
  return new ConfigError(message);
}

export function isCoreConfigError(error: unknown): error is WhatsAppConfigError {
  return error instanceof WhatsAppConfigError;
}
