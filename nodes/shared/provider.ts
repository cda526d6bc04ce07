import type { IAllExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createCloudProvider } from './core';
import type { Provider } from './core';
import { n8nClock } from './n8n-clock';
import { n8nTransport } from './n8n-transport';

/**
 * How the node reaches WhatsApp. Each value has its own credential type; the provider issue adds
 * Maton, On-Premises and ITNIO here, and nothing else in a workflow changes when a user switches.
 */
export const AUTHENTICATIONS = {
  cloudApi: { credential: 'whatsAppCloudApi', name: 'WhatsApp Cloud API (Meta)' },
} as const;

export type AuthenticationName = keyof typeof AUTHENTICATIONS;

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

/** Checks the node's Authentication parameter (an expression could yield anything). */
export function toAuthentication(node: INode, chosen: unknown): AuthenticationName {
  if (typeof chosen !== 'string' || !(chosen in AUTHENTICATIONS)) {
    throw new NodeOperationError(node, `Unknown authentication "${String(chosen)}"`, {
      description: `Choose one of: ${Object.keys(AUTHENTICATIONS).join(', ')}`,
    });
  }
  return chosen as AuthenticationName;
}

/**
 * Builds the core provider for the node's chosen credential. Requests go through n8n's helpers
 * with the credential's own authentication, and retries wait with n8n's sleep.
 */
export async function providerFor(context: IAllExecuteFunctions, authentication: AuthenticationName): Promise<Provider> {
  const credentialType = AUTHENTICATIONS[authentication].credential;
  const credentials = await context.getCredentials<{ businessAccountId?: string; apiVersion?: string; baseUrl?: string }>(credentialType);
  return createCloudProvider({
    provider: 'cloud',
    transportAuthenticates: true,
    transport: n8nTransport(context, credentialType),
    clock: n8nClock,
    wabaId: credentials.businessAccountId?.trim() || undefined,
    apiVersion: credentials.apiVersion?.trim() || undefined,
    baseUrl: credentials.baseUrl?.trim() || undefined,
  });
}
