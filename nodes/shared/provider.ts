import type { IAllExecuteFunctions, ICredentialDataDecryptedObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createCloudProvider, createItnioProvider, createMatonProvider, createOnPremProvider, operations, PROVIDER_SUPPORT, supportsAll } from './core';
import type { Capability, MessageKind, OperationName, Provider, ProviderName } from './core';
import { n8nClock } from './n8n-clock';
import { n8nTransport } from './n8n-transport';

/**
 * How the node reaches WhatsApp. Each value has its own credential type and core provider;
 * nothing else in a workflow changes when a user switches.
 */
export const AUTHENTICATIONS = {
  cloudApi: { credential: 'whatsAppCloudApi', name: 'WhatsApp Cloud API (Meta)', provider: 'cloud' },
  matonApi: { credential: 'matonApi', name: 'Maton API', provider: 'maton' },
  onPremisesApi: { credential: 'whatsAppOnPremisesApi', name: 'WhatsApp On-Premises API (legacy)', provider: 'onprem' },
  itnioApi: { credential: 'itnioApi', name: 'ITNIO API', provider: 'itnio' },
} as const satisfies Record<string, { credential: string; name: string; provider: ProviderName }>;

export type AuthenticationName = keyof typeof AUTHENTICATIONS;

export const AUTHENTICATION_NAMES = Object.keys(AUTHENTICATIONS) as AuthenticationName[];

export const authenticationProperty: INodeProperties = {
  displayName: 'Authentication',
  name: 'authentication',
  type: 'options',
  noDataExpression: true,
  options: Object.entries(AUTHENTICATIONS).map(([value, { name }]) => ({ name, value })),
  default: 'cloudApi',
  description: 'Which API carries your messages; each has its own credential',
};

/** The credentials block of a node description: one entry per provider, shown for its choice. */
export const providerCredentials = Object.entries(AUTHENTICATIONS).map(([value, { credential }]) => ({
  name: credential,
  required: true,
  displayOptions: { show: { authentication: [value] } },
}));

/** The authentications whose provider has every capability in `requires` (from core's support table). */
export function authenticationsWith(requires: readonly Capability[]): AuthenticationName[] {
  return AUTHENTICATION_NAMES.filter((name) => supportsAll(AUTHENTICATIONS[name].provider, requires));
}

/** The authentications that can run a catalogue operation. */
export function authenticationsFor(operation: OperationName): AuthenticationName[] {
  return authenticationsWith(operations[operation].requires);
}

/** The authentications whose provider sends this kind of message. */
export function authenticationsSending(kind: MessageKind): AuthenticationName[] {
  return AUTHENTICATION_NAMES.filter((name) => PROVIDER_SUPPORT[AUTHENTICATIONS[name].provider].messageKinds.includes(kind));
}

/** The authentications whose provider takes media by an uploaded media id (else by link only). */
export function authenticationsWithMediaIds(): AuthenticationName[] {
  return AUTHENTICATION_NAMES.filter((name) => PROVIDER_SUPPORT[AUTHENTICATIONS[name].provider].mediaById);
}

/** Checks the node's Authentication parameter (an expression could yield anything). */
export function toAuthentication(node: INode, chosen: unknown): AuthenticationName {
  if (typeof chosen !== 'string' || !(chosen in AUTHENTICATIONS)) {
    throw new NodeOperationError(node, `Unknown authentication "${String(chosen)}"`, {
      description: `Choose one of: ${AUTHENTICATION_NAMES.join(', ')}`,
    });
  }
  return chosen as AuthenticationName;
}

function setting(credentials: ICredentialDataDecryptedObject, name: string): string | undefined {
  const value = credentials[name];
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return text === '' ? undefined : text;
}

function seconds(credentials: ICredentialDataDecryptedObject, name: string): number | undefined {
  const value = Number(credentials[name]);
  return credentials[name] === undefined || credentials[name] === '' || !Number.isFinite(value) ? undefined : Math.round(value * 1000);
}

/**
 * Builds the core provider for the node's chosen credential. Requests go through n8n's helpers
 * with the credential's own authentication (core adds no credentials), retries wait with n8n's
 * sleep, and only the credential's non-secret settings reach core.
 */
export async function providerFor(context: IAllExecuteFunctions, authentication: AuthenticationName): Promise<Provider> {
  const credentialType = AUTHENTICATIONS[authentication].credential;
  const credentials = await context.getCredentials(credentialType);
  const common = { transportAuthenticates: true, clock: n8nClock } as const;
  switch (authentication) {
    case 'matonApi':
      // The connection id is no secret: core names it in its hints (and sends it, as the credential would).
      return createMatonProvider({
        ...common,
        provider: 'maton',
        transport: n8nTransport(context, credentialType),
        connectionId: setting(credentials, 'connectionId'),
        wabaId: setting(credentials, 'businessAccountId'),
        apiVersion: setting(credentials, 'apiVersion'),
        gatewayUrl: setting(credentials, 'gatewayUrl'),
        controlUrl: setting(credentials, 'controlUrl'),
      });
    case 'onPremisesApi': {
      const insecureTls = credentials.ignoreSslIssues === true;
      return createOnPremProvider({
        ...common,
        provider: 'onprem',
        transport: n8nTransport(context, credentialType, { skipSslCertificateValidation: insecureTls, reauthenticateOn401: true }),
        baseUrl: setting(credentials, 'baseUrl') ?? '',
        templateNamespace: setting(credentials, 'templateNamespace'),
        readinessTimeoutMs: seconds(credentials, 'readinessTimeout'),
      });
    }
    case 'itnioApi':
      return createItnioProvider({
        ...common,
        provider: 'itnio',
        transport: n8nTransport(context, credentialType),
        appId: setting(credentials, 'appId') ?? '',
        businessPhone: setting(credentials, 'businessPhone') ?? '',
        baseUrl: setting(credentials, 'baseUrl'),
      });
    case 'cloudApi':
    default:
      return createCloudProvider({
        ...common,
        provider: 'cloud',
        transport: n8nTransport(context, credentialType),
        wabaId: setting(credentials, 'businessAccountId'),
        apiVersion: setting(credentials, 'apiVersion'),
        baseUrl: setting(credentials, 'baseUrl'),
      });
  }
}
