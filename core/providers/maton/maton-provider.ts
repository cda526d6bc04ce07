import { createRedactor } from '../../redact';
import { DEFAULT_RETRY } from '../../retry/retry-policy';
import { defaultClock, defaultTransport } from '../../runtime/host-defaults';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import { PacingTransport } from '../../transport/pacing-transport';
import { GraphProvider } from '../graph/graph-provider';
import type { CapabilityInput as In, CapabilityResult as Out, Provider } from '../provider';
import { PROVIDER_SUPPORT } from '../support';
import type { MatonProviderConfig } from './maton-config';
import { connectionFromAnswer, connectionsFromAnswer, createdConnectionFromAnswer } from './maton-connection';
import { MatonControlClient } from './maton-control-client';
import { matonGatewayError } from './maton-errors';
import { MATON_APP_PREFIX, parseMatonConfig } from './maton-settings';

const LABEL = PROVIDER_SUPPORT.maton.label;

interface MatonParts {
  graph: GraphProvider;
  control: MatonControlClient;
  connectionId: string | null;
  gatewayUrl: string;
  maxRequestsPerSecond: number;
}

/**
 * The Maton gateway: Meta's Graph API proxied at {gatewayUrl}/whatsapp-business/..., with Maton's
 * key instead of a Meta token, plus Maton's connection API. The Graph part is a GraphProvider
 * held privately and delegated to method by method, so this object has exactly the capabilities
 * Maton supports: no downloadMedia, because Meta's media URLs need the Meta token Maton keeps.
 */
export class MatonProvider implements Provider {
  readonly name = 'maton' as const;
  readonly label = LABEL;
  // Private: the parts hold the API key in their headers.
  readonly #parts: MatonParts;

  constructor(parts: MatonParts) {
    this.#parts = parts;
  }

  toJSON(): Record<string, string | number | null> {
    const graph = this.#parts.graph.toJSON();
    return {
      name: this.name,
      label: this.label,
      gatewayUrl: this.#parts.gatewayUrl,
      connectionId: this.#parts.connectionId,
      phoneNumberId: graph.phoneNumberId,
      wabaId: graph.wabaId,
      maxRequestsPerSecond: this.#parts.maxRequestsPerSecond,
    };
  }

  [INSPECT_CUSTOM](): string {
    return `MatonProvider ${JSON.stringify(this.toJSON())}`;
  }

  /** Closes the transport when the provider created it (the gateway and control calls share it). */
  close(): Promise<void> {
    return this.#parts.graph.close();
  }

  sendMessage(input: In<'sendMessage'>): Promise<Out<'sendMessage'>> {
    return this.#parts.graph.sendMessage(input);
  }

  markRead(input: In<'markRead'>): Promise<Out<'markRead'>> {
    return this.#parts.graph.markRead(input);
  }

  uploadMedia(input: In<'uploadMedia'>): Promise<Out<'uploadMedia'>> {
    return this.#parts.graph.uploadMedia(input);
  }

  getMediaInfo(input: In<'getMediaInfo'>): Promise<Out<'getMediaInfo'>> {
    return this.#parts.graph.getMediaInfo(input);
  }

  deleteMedia(input: In<'deleteMedia'>): Promise<Out<'deleteMedia'>> {
    return this.#parts.graph.deleteMedia(input);
  }

  listTemplates(input: In<'listTemplates'>): Promise<Out<'listTemplates'>> {
    return this.#parts.graph.listTemplates(input);
  }

  getTemplateById(input: In<'getTemplateById'>): Promise<Out<'getTemplateById'>> {
    return this.#parts.graph.getTemplateById(input);
  }

  createTemplate(input: In<'createTemplate'>): Promise<Out<'createTemplate'>> {
    return this.#parts.graph.createTemplate(input);
  }

  deleteTemplate(input: In<'deleteTemplate'>): Promise<Out<'deleteTemplate'>> {
    return this.#parts.graph.deleteTemplate(input);
  }

  listPhoneNumbers(input: In<'listPhoneNumbers'>): Promise<Out<'listPhoneNumbers'>> {
    return this.#parts.graph.listPhoneNumbers(input);
  }

  getPhoneNumber(input: In<'getPhoneNumber'>): Promise<Out<'getPhoneNumber'>> {
    return this.#parts.graph.getPhoneNumber(input);
  }

  getBusinessProfile(input: In<'getBusinessProfile'>): Promise<Out<'getBusinessProfile'>> {
    return this.#parts.graph.getBusinessProfile(input);
  }

  updateBusinessProfile(input: In<'updateBusinessProfile'>): Promise<Out<'updateBusinessProfile'>> {
    return this.#parts.graph.updateBusinessProfile(input);
  }

  async listConnections(input: In<'listConnections'>): Promise<Out<'listConnections'>> {
    const answer = await this.#parts.control.call({ method: 'GET', path: '/connections', query: { app: input.app, status: input.status }, safeToRepeat: true });
    const connections = connectionsFromAnswer(answer);
    return { connections, count: connections.length };
  }

  async createConnection(input: In<'createConnection'>): Promise<Out<'createConnection'>> {
    // Not repeated: a second attempt after a lost answer would leave a second PENDING connection.
    const answer = await this.#parts.control.call({ method: 'POST', path: '/connections', json: { app: input.app }, safeToRepeat: false });
    return createdConnectionFromAnswer(answer);
  }

  async getConnection(input: In<'getConnection'>): Promise<Out<'getConnection'>> {
    const answer = await this.#parts.control.call({
      method: 'GET',
      path: `/connections/${encodeURIComponent(input.connectionId)}`,
      safeToRepeat: true,
      connectionId: input.connectionId,
    });
    return connectionFromAnswer(answer);
  }

  async deleteConnection(input: In<'deleteConnection'>): Promise<Out<'deleteConnection'>> {
    await this.#parts.control.call({
      method: 'DELETE',
      path: `/connections/${encodeURIComponent(input.connectionId)}`,
      safeToRepeat: true,
      connectionId: input.connectionId,
      // A repeated delete that finds nothing means the first attempt deleted it.
      alreadyDone: (error) => (error.httpStatus === 404 ? {} : null),
    });
    return { deleted: true };
  }
}

export function createMatonProvider(config: MatonProviderConfig): MatonProvider {
  const settings = parseMatonConfig(config);
  const clock = settings.clock ?? defaultClock('maton');
  const ownTransport = settings.transport ?? defaultTransport({ requestTimeoutMs: settings.requestTimeoutMs }, 'maton');
  // One pacer for gateway and control calls: Maton counts both against the account's 10 requests/s.
  const transport = PacingTransport.wrap(ownTransport, clock, settings.maxRequestsPerSecond);
  const redact = createRedactor([settings.apiKey]);
  const connectionId = settings.connectionId ?? null;
  const authorization: Record<string, string> = settings.apiKey === undefined ? {} : { authorization: `Bearer ${settings.apiKey}` };
  // The connection id is no secret, so it is sent even when the transport adds the credentials.
  const connectionHeader: Record<string, string> = connectionId === null ? {} : { 'maton-connection': connectionId };
  const retry = { ...DEFAULT_RETRY, ...settings.retry };
  const errorContext = { provider: 'maton', label: LABEL, redact, connectionId };
  const graph = new GraphProvider({
    name: 'maton',
    label: LABEL,
    baseUrl: `${settings.gatewayUrl}${MATON_APP_PREFIX}`,
    apiVersion: settings.apiVersion,
    headers: { ...authorization, ...connectionHeader },
    phoneNumberId: settings.phoneNumberId,
    wabaId: settings.wabaId,
    transport,
    ownsTransport: settings.transport === undefined,
    retry,
    clock,
    requestTimeoutMs: settings.requestTimeoutMs,
    userAgent: settings.userAgent,
    redact,
    // Media is never downloaded through Maton (no downloadMedia), so no host may receive the key.
    isTrustedMediaHost: () => false,
    errorFromResponse: (response, retryAfter, safeToRepeat) => matonGatewayError(response, { ...errorContext, surface: 'gateway' }, retryAfter, safeToRepeat),
  });
  const control = new MatonControlClient({
    controlUrl: settings.controlUrl,
    headers: authorization,
    transport,
    retry,
    clock,
    requestTimeoutMs: settings.requestTimeoutMs,
    userAgent: settings.userAgent,
    errorContext,
  });
  return new MatonProvider({ graph, control, connectionId, gatewayUrl: settings.gatewayUrl, maxRequestsPerSecond: settings.maxRequestsPerSecond });
}
