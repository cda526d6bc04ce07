import { WhatsAppApiError } from '../../errors/other-errors';
import { WhatsAppValidationError } from '../../errors/validation-error';
import { compact } from '../../json';
import { objects, str } from '../../json-read';
import { assertMessageSupported } from '../../operations/message/message-support';
import { createRedactor } from '../../redact';
import { defaultClock, defaultTransport } from '../../runtime/host-defaults';
import { INSPECT_CUSTOM } from '../../runtime/inspect';
import type { Transport } from '../../transport/transport';
import type { CapabilityInput as In, CapabilityResult as Out, Provider } from '../provider';
import { requiredString } from '../graph/parse';
import { basicCredentials, OnPremClient } from './onprem-client';
import type { OnPremProviderConfig } from './onprem-config';
import { phoneNumberIdIssue, toOnPremMarkReadPayload, toOnPremMessagePayload } from './onprem-message';
import { businessProfileFields, toApplicationSettings, toBusinessProfile, toContactCheckResult, toRegistrationResult, toSettingsPatch } from './onprem-parse';
import { parseOnPremConfig } from './onprem-settings';

const LABEL = 'WhatsApp On-Premises API';
const BUSINESS_FIELDS = ['address', 'description', 'email', 'vertical', 'websites'] as const;

function refuse(issues: ReturnType<typeof phoneNumberIdIssue>): void {
  if (issues.length > 0) throw new WhatsAppValidationError(issues, 'onprem');
}

const mediaPath = (mediaId: string): string => `/media/${encodeURIComponent(mediaId)}`;

/**
 * The self-hosted WhatsApp Business On-Premises API client (its web app, https://host:9090/v1).
 * Meta ended it on 2025-10-23; this provider serves legacy and lab installations.
 */
export class OnPremProvider implements Provider {
  readonly name = 'onprem' as const;
  readonly label = LABEL;
  readonly #client: OnPremClient;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #baseUrl: string;
  readonly #templateNamespace: string | undefined;
  readonly #transportAuthenticates: boolean;

  constructor(config: OnPremProviderConfig) {
    const settings = parseOnPremConfig(config);
    this.#transport = settings.transport ?? defaultTransport({ requestTimeoutMs: settings.requestTimeoutMs, insecureTls: settings.insecureTls }, 'onprem');
    this.#ownsTransport = settings.transport === undefined;
    this.#baseUrl = settings.baseUrl;
    this.#templateNamespace = settings.templateNamespace;
    this.#transportAuthenticates = settings.transportAuthenticates;
    const login = settings.username === undefined || settings.password === undefined ? null : { username: settings.username, password: settings.password };
    // The base64 form too: a proxy or client that echoes the login's Authorization value bare must not leak it.
    const basic = login === null ? undefined : basicCredentials(login.username, login.password);
    this.#client = new OnPremClient({
      errorContext: { provider: 'onprem', label: LABEL, redact: createRedactor([settings.username, settings.password, basic]) },
      baseUrl: settings.baseUrl,
      login,
      readinessTimeoutMs: settings.readinessTimeoutMs,
      transport: this.#transport,
      retry: settings.retry,
      clock: settings.clock ?? defaultClock('onprem'),
      requestTimeoutMs: settings.requestTimeoutMs,
      userAgent: settings.userAgent,
    });
  }

  toJSON(): Record<string, string | boolean | null> {
    return {
      name: this.name,
      label: this.label,
      baseUrl: this.#baseUrl,
      templateNamespace: this.#templateNamespace ?? null,
      transportAuthenticates: this.#transportAuthenticates,
    };
  }

  [INSPECT_CUSTOM](): string {
    return `OnPremProvider ${JSON.stringify(this.toJSON())}`;
  }

  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close?.();
  }

  async sendMessage(input: In<'sendMessage'>): Promise<Out<'sendMessage'>> {
    // Also checked by the catalogue; repeated so that direct calls get the same refusal.
    assertMessageSupported(this.name, this.label, input);
    const payload = toOnPremMessagePayload(input, this.#templateNamespace);
    const { body } = await this.#client.json({ method: 'POST', path: '/messages', json: payload, safeToRepeat: false, needsReady: true });
    const message = objects(body.messages)[0];
    if (message === undefined) throw new WhatsAppApiError({ message: `${this.label} accepted the send but returned no message id`, provider: this.name });
    const contact = objects(body.contacts)[0] ?? {};
    return {
      status: 'accepted',
      messageId: requiredString(message, 'id', 'a message id', this),
      phoneNumberId: null,
      to: input.to,
      waId: str(contact.wa_id),
    };
  }

  async markRead(input: In<'markRead'>): Promise<Out<'markRead'>> {
    const json = toOnPremMarkReadPayload(input);
    // Marking read twice is harmless.
    await this.#client.json({ method: 'PUT', path: `/messages/${encodeURIComponent(input.messageId)}`, json, safeToRepeat: true, needsReady: true });
    return { success: true };
  }

  async uploadMedia(input: In<'uploadMedia'>): Promise<Out<'uploadMedia'>> {
    // The client stores bytes and type only; a document's filename goes into the message that sends it.
    refuse(phoneNumberIdIssue(input.phoneNumberId));
    const { body } = await this.#client.json({
      method: 'POST',
      path: '/media',
      raw: { body: input.data, contentType: input.mimeType },
      // A repeated upload only leaves an unused copy on the client.
      safeToRepeat: true,
      needsReady: true,
    });
    const media = objects(body.media)[0] ?? {};
    return { mediaId: requiredString(media, 'id', 'a media id', this) };
  }

  async downloadMedia(input: In<'downloadMedia'>): Promise<Out<'downloadMedia'>> {
    refuse(phoneNumberIdIssue(input.phoneNumberId));
    const { data, contentType } = await this.#client.bytes({ method: 'GET', path: mediaPath(input.mediaId), safeToRepeat: true, needsReady: true });
    return {
      mediaId: input.mediaId,
      data,
      mimeType: contentType ?? 'application/octet-stream',
      fileSize: data.byteLength,
      // The client announces no checksum for stored media; there is nothing to verify against.
      sha256: null,
      sha256Verified: false,
    };
  }

  async deleteMedia(input: In<'deleteMedia'>): Promise<Out<'deleteMedia'>> {
    refuse(phoneNumberIdIssue(input.phoneNumberId));
    await this.#client.json({
      method: 'DELETE',
      path: mediaPath(input.mediaId),
      safeToRepeat: true,
      needsReady: true,
      // On a repeated attempt, "not found" means the first attempt deleted it.
      alreadyDone: (error) => error.metaCode === 1006 || error.httpStatus === 404,
    });
    return { deleted: true };
  }

  async getBusinessProfile(input: In<'getBusinessProfile'>): Promise<Out<'getBusinessProfile'>> {
    refuse(phoneNumberIdIssue(input.phoneNumberId));
    const business = await this.#client.json({ method: 'GET', path: '/settings/business/profile', safeToRepeat: true, needsReady: true });
    const about = await this.#client.json({ method: 'GET', path: '/settings/profile/about', safeToRepeat: true, needsReady: true });
    return toBusinessProfile(business.body, about.body);
  }

  async updateBusinessProfile(input: In<'updateBusinessProfile'>): Promise<Out<'updateBusinessProfile'>> {
    const { phoneNumberId, about, profilePictureHandle, ...business } = input;
    const issues = phoneNumberIdIssue(phoneNumberId);
    if (profilePictureHandle !== undefined) {
      issues.push({
        path: 'profilePictureHandle',
        rule: 'not supported by the WhatsApp On-Premises API (a Cloud API upload handle); set the photo on the client with POST /v1/settings/profile/photo',
      });
    }
    refuse(issues);
    const changed = BUSINESS_FIELDS.filter((field) => business[field] !== undefined);
    if (changed.length > 0) {
      // The client's reference lists all five fields as required: send the current profile with the changes applied.
      const current = await this.#client.json({ method: 'GET', path: '/settings/business/profile', safeToRepeat: true, needsReady: true });
      const json = { ...businessProfileFields(current.body), ...compact({ ...business }) };
      await this.#client.json({ method: 'POST', path: '/settings/business/profile', json, safeToRepeat: true, needsReady: true });
    }
    if (about !== undefined) {
      await this.#client.json({ method: 'PATCH', path: '/settings/profile/about', json: { text: about }, safeToRepeat: true, needsReady: true });
    }
    return { updated: true, fields: [...changed, ...(about === undefined ? [] : ['about'])] };
  }

  async getHealth(): Promise<Out<'getHealth'>> {
    return this.#client.health();
  }

  async requestRegistrationCode(input: In<'requestRegistrationCode'>): Promise<Out<'requestRegistrationCode'>> {
    const json = compact({ cc: input.countryCode, phone_number: input.phoneNumber, method: input.method, cert: input.cert, pin: input.pin });
    // Not repeated: each attempt may send another SMS or call.
    const answer = await this.#client.json({ method: 'POST', path: '/account', json, safeToRepeat: false, needsReady: false });
    return toRegistrationResult(answer.status, answer.body);
  }

  async verifyRegistrationCode(input: In<'verifyRegistrationCode'>): Promise<Out<'verifyRegistrationCode'>> {
    await this.#client.json({ method: 'POST', path: '/account/verify', json: { code: input.code }, safeToRepeat: false, needsReady: false });
    return { registered: true };
  }

  async getApplicationSettings(): Promise<Out<'getApplicationSettings'>> {
    const { body } = await this.#client.json({ method: 'GET', path: '/settings/application', safeToRepeat: true, needsReady: false });
    return toApplicationSettings(body);
  }

  async updateApplicationSettings(input: In<'updateApplicationSettings'>): Promise<Out<'updateApplicationSettings'>> {
    await this.#client.json({ method: 'PATCH', path: '/settings/application', json: toSettingsPatch(input), safeToRepeat: true, needsReady: false });
    return { updated: true, fields: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined) };
  }

  async checkContacts(input: In<'checkContacts'>): Promise<Out<'checkContacts'>> {
    const { body } = await this.#client.json({
      method: 'POST',
      path: '/contacts',
      json: { blocking: input.blocking, contacts: input.contacts },
      safeToRepeat: true,
      needsReady: true,
    });
    return toContactCheckResult(body);
  }
}

export function createOnPremProvider(config: OnPremProviderConfig): OnPremProvider {
  return new OnPremProvider(config);
}
