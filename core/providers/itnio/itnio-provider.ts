import { WhatsAppApiError } from '../../errors/other-errors';
import { WhatsAppValidationError } from '../../errors/validation-error';
import type { ValidationIssue } from '../../errors/validation-error';
import { str } from '../../json-read';
import { assertMessageSupported } from '../../operations/message/message-support';
import { createRedactor } from '../../redact';
import { DEFAULT_RETRY } from '../../retry/retry-policy';
import { defaultClock, defaultTransport } from '../../runtime/host-defaults';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import type { Transport } from '../../transport/transport';
import { parseConfig } from '../config-fields';
import type { CapabilityInput as In, CapabilityResult as Out, Provider } from '../provider';
import { PROVIDER_SUPPORT } from '../support';
import { ItnioClient } from './itnio-client';
import type { ItnioProviderConfig } from './itnio-config';
import { itnioConfigSchema } from './itnio-config-schema';
import { toItnioRequest } from './itnio-message';
import type { ItnioSender } from './itnio-message';
import { TEMPLATE_ADD_PATH, toItnioTemplateAdd } from './itnio-template-create';

const LABEL = PROVIDER_SUPPORT.itnio.label;

interface ItnioProviderSettings extends ItnioSender {
  baseUrl: string;
  client: ItnioClient;
  transport: Transport;
  /** Whether close() should close the transport (false when the caller passed its own). */
  ownsTransport: boolean;
}

/** Throws every collected issue at once, before anything is sent. */
function refuseIssues(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new WhatsAppValidationError(issues, 'itnio');
}

/**
 * ITNIO Tech's WhatsApp API: session and template messages from one business number, and
 * template creation. Requests are checked against ITNIO's documented shapes first, so what ITNIO
 * would refuse with an avoidable status code (-70 to -72, -93 to -95, -114 to -135) fails here,
 * naming the field, without a request.
 */
export class ItnioProvider implements Provider {
  readonly name = 'itnio' as const;
  readonly label = LABEL;
  // Private: the client holds the API secret, and providers get logged and serialized.
  readonly #settings: ItnioProviderSettings;

  constructor(settings: ItnioProviderSettings) {
    this.#settings = settings;
  }

  toJSON(): Record<string, string> {
    return { name: this.name, label: this.label, appId: this.#settings.appId, businessPhone: this.#settings.businessPhone, baseUrl: this.#settings.baseUrl };
  }

  [INSPECT_CUSTOM](): string {
    return `ItnioProvider ${JSON.stringify(this.toJSON())}`;
  }

  async close(): Promise<void> {
    if (this.#settings.ownsTransport) await this.#settings.transport.close?.();
  }

  /** Result `phoneNumberId` and `waId` are null: ITNIO identifies the sender by number and resolves no WhatsApp id. */
  async sendMessage(input: In<'sendMessage'>): Promise<Out<'sendMessage'>> {
    // The catalogue checks this too; repeated for callers that use the provider directly.
    assertMessageSupported(this.name, this.label, input);
    const issues: ValidationIssue[] = [];
    const request = toItnioRequest(input, this.#settings, issues);
    refuseIssues(issues);
    // A send is not repeated after an ambiguous failure: it could reach the customer twice.
    const data = await this.#settings.client.post(request.path, request.body, false);
    const messageId = str(data.messageId);
    if (messageId === null || messageId === '') {
      throw new WhatsAppApiError({ message: `${this.label} accepted the send but returned no message id`, provider: this.name });
    }
    return { status: 'accepted', messageId, phoneNumberId: null, to: input.to, waId: null };
  }

  /**
   * Submits the template to ITNIO (/wa/template/add). ITNIO does not publish what this call
   * answers: a `data.id` is used when the answer has one, otherwise the result's `id` is the
   * template name (which, with the language, is how templates are addressed when sending).
   * `status` is ITNIO's `data.status` when given, else PENDING (new templates await review).
   */
  async createTemplate(input: In<'createTemplate'>): Promise<Out<'createTemplate'>> {
    const issues: ValidationIssue[] = [];
    const body = toItnioTemplateAdd(input, this.#settings.appId, issues);
    refuseIssues(issues);
    const data = await this.#settings.client.post(TEMPLATE_ADD_PATH, body, false);
    return { id: str(data.id) ?? input.name, status: str(data.status) ?? 'PENDING', category: input.category };
  }
}

export function createItnioProvider(config: ItnioProviderConfig): ItnioProvider {
  const settings = parseConfig(itnioConfigSchema, config, 'itnio');
  const transport = settings.transport ?? defaultTransport({ requestTimeoutMs: settings.requestTimeoutMs }, 'itnio');
  const credentials = settings.apiKey !== undefined && settings.apiSecret !== undefined ? { apiKey: settings.apiKey, apiSecret: settings.apiSecret } : null;
  const client = new ItnioClient({
    errorContext: { provider: 'itnio', label: LABEL, redact: createRedactor([settings.apiKey, settings.apiSecret]) },
    baseUrl: settings.baseUrl,
    credentials,
    transport,
    retry: { ...DEFAULT_RETRY, ...settings.retry },
    clock: settings.clock ?? defaultClock('itnio'),
    requestTimeoutMs: settings.requestTimeoutMs,
    userAgent: settings.userAgent,
  });
  return new ItnioProvider({
    appId: settings.appId,
    businessPhone: settings.businessPhone,
    baseUrl: settings.baseUrl,
    client,
    transport,
    ownsTransport: settings.transport === undefined,
  });
}
