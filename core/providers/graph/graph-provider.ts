import { INSPECT_CUSTOM } from '../../runtime/inspect';
import { WhatsAppApiError, WhatsAppIntegrityError } from '../../errors/other-errors';
import { WhatsAppValidationError } from '../../errors/validation-error';
import { compact, toJsonValue } from '../../json';
import { matchesSha256 } from '../../media/checksum';
import { parameterFormatOf } from '../../schemas/template-definition';
import { buildMultipart } from '../../transport/multipart';
import { toCloudMarkReadPayload, toCloudMessagePayload } from '../../wire/cloud-message';
import type { CapabilityInput as In, CapabilityResult as Out, Provider, ProviderName } from '../provider';
import { GraphClient } from './graph-client';
import type { GraphClientOptions } from './graph-client';
import { num, objects, str } from '../../json-read';
import { nextCursor, requiredString, toBusinessProfile, toPhoneNumber, toTemplate } from './parse';

export interface GraphProviderSettings extends Omit<GraphClientOptions, 'errorContext'> {
  name: ProviderName;
  label: string;
  redact: (text: string) => string;
  phoneNumberId?: string;
  wabaId?: string;
  /** Whether close() should close the transport (false when the caller passed its own). */
  ownsTransport: boolean;
}

const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components,quality_score,rejected_reason';
const PHONE_FIELDS =
  'id,display_phone_number,verified_name,quality_rating,code_verification_status,name_status,platform_type,throughput,messaging_limit_tier,status,account_mode';
const PROFILE_FIELDS = 'about,address,description,email,profile_picture_url,websites,vertical';
/** Page size when following Graph cursors; Graph caps page sizes, so larger values only risk errors. */
const PAGE_SIZE = 100;

/**
 * A provider for APIs that speak Meta's Graph dialect: the Cloud API itself, and gateways that
 * proxy it (Maton). Only base URL, headers and trusted media hosts differ between them.
 */
export class GraphProvider implements Provider {
  readonly name: ProviderName;
  readonly label: string;
  // Private fields: the settings hold the credentials, and providers get logged and serialized.
  readonly #settings: GraphProviderSettings;
  readonly #client: GraphClient;

  constructor(settings: GraphProviderSettings) {
    this.name = settings.name;
    this.label = settings.label;
    this.#settings = settings;
    this.#client = new GraphClient({ ...settings, errorContext: { provider: settings.name, label: settings.label, redact: settings.redact } });
  }

  toJSON(): Record<string, string | null> {
    return { name: this.name, label: this.label, phoneNumberId: this.#settings.phoneNumberId ?? null, wabaId: this.#settings.wabaId ?? null };
  }

  [INSPECT_CUSTOM](): string {
    return `GraphProvider(${this.name}) ${JSON.stringify(this.toJSON())}`;
  }

  async close(): Promise<void> {
    if (this.#settings.ownsTransport) await this.#settings.transport.close?.();
  }

  private phoneNumberId(override: string | undefined): string {
    const id = override ?? this.#settings.phoneNumberId;
    if (id === undefined) throw new WhatsAppValidationError([{ path: 'phoneNumberId', rule: 'required (no default phone number id is configured)' }], this.name);
    return id;
  }

  private wabaId(override: string | undefined): string {
    const id = override ?? this.#settings.wabaId;
    if (id === undefined) throw new WhatsAppValidationError([{ path: 'wabaId', rule: 'required (no default WhatsApp Business Account id is configured)' }], this.name);
    return id;
  }

  /**
   * Follows Graph's `after` cursors until the last page, or until `limit` items; `hasMore` tells
   * whether the limit cut the listing short.
   */
  private async collectPages<T>(
    path: string,
    query: Readonly<Record<string, string | undefined>>,
    map: (raw: Record<string, unknown>) => T,
    limit?: number,
  ): Promise<{ items: T[]; hasMore: boolean }> {
    const items: T[] = [];
    let after: string | null = null;
    do {
      const pageSize = Math.min(PAGE_SIZE, limit === undefined ? PAGE_SIZE : limit - items.length);
      const response: Record<string, unknown> = await this.#client.call({
        method: 'GET',
        path,
        query: { ...query, limit: pageSize, after: after ?? undefined },
        safeToRepeat: true,
      });
      const page = objects(response.data).map(map);
      const room = limit === undefined ? page.length : limit - items.length;
      items.push(...page.slice(0, room));
      after = nextCursor(response);
      if (limit !== undefined && items.length >= limit) return { items, hasMore: page.length > room || after !== null };
    } while (after !== null);
    return { items, hasMore: false };
  }

  async sendMessage(input: In<'sendMessage'>): Promise<Out<'sendMessage'>> {
    const phoneNumberId = this.phoneNumberId(input.phoneNumberId);
    const response = await this.#client.call({ method: 'POST', path: `/${phoneNumberId}/messages`, json: toCloudMessagePayload(input), safeToRepeat: false });
    const message = objects(response.messages)[0];
    if (message === undefined) throw new WhatsAppApiError({ message: `${this.label} accepted the send but returned no message id`, provider: this.name });
    const contact = objects(response.contacts)[0] ?? {};
    return {
      status: str(message.message_status) ?? 'accepted',
      messageId: requiredString(message, 'id', 'a message id', this),
      phoneNumberId,
      to: input.to,
      waId: str(contact.wa_id),
    };
  }

  async markRead(input: In<'markRead'>): Promise<Out<'markRead'>> {
    const phoneNumberId = this.phoneNumberId(input.phoneNumberId);
    // Marking read twice is harmless, so this call may be retried.
    const response = await this.#client.call({ method: 'POST', path: `/${phoneNumberId}/messages`, json: toCloudMarkReadPayload(input), safeToRepeat: true });
    return { success: response.success === true };
  }

  async uploadMedia(input: In<'uploadMedia'>): Promise<Out<'uploadMedia'>> {
    const phoneNumberId = this.phoneNumberId(input.phoneNumberId);
    const multipart = buildMultipart([
      { name: 'messaging_product', value: 'whatsapp' },
      { name: 'type', value: input.mimeType },
      { name: 'file', filename: input.filename, contentType: input.mimeType, data: input.data },
    ]);
    // A repeated upload only leaves an unused copy that expires after 30 days; nobody sees it.
    const response = await this.#client.call({ method: 'POST', path: `/${phoneNumberId}/media`, multipart, safeToRepeat: true });
    return { mediaId: requiredString(response, 'id', 'a media id', this) };
  }

  async getMediaInfo(input: In<'getMediaInfo'>): Promise<Out<'getMediaInfo'>> {
    // phone_number_id only when asked for: media received on another number of the account must stay reachable.
    const response = await this.#client.call({
      method: 'GET',
      path: `/${encodeURIComponent(input.mediaId)}`,
      query: { phone_number_id: input.phoneNumberId },
      safeToRepeat: true,
    });
    return {
      mediaId: str(response.id) ?? input.mediaId,
      url: requiredString(response, 'url', 'a media URL', this),
      mimeType: str(response.mime_type),
      sha256: str(response.sha256),
      fileSize: num(response.file_size),
    };
  }

  async downloadMedia(input: In<'downloadMedia'>): Promise<Out<'downloadMedia'>> {
    const info = await this.getMediaInfo(input);
    const { data, contentType } = await this.#client.download(info.url);
    const verified = info.sha256 === null ? null : matchesSha256(data, info.sha256);
    if (verified === false) {
      throw new WhatsAppIntegrityError(`Media ${info.mediaId}: the ${data.byteLength} downloaded bytes do not match the SHA-256 ${this.label} announced`, this.name);
    }
    if (info.fileSize !== null && info.fileSize !== data.byteLength) {
      throw new WhatsAppIntegrityError(`Media ${info.mediaId}: expected ${info.fileSize} bytes, downloaded ${data.byteLength}`, this.name);
    }
    return {
      mediaId: info.mediaId,
      data,
      mimeType: info.mimeType ?? contentType ?? 'application/octet-stream',
      fileSize: data.byteLength,
      sha256: info.sha256,
      sha256Verified: verified === true,
    };
  }

  async deleteMedia(input: In<'deleteMedia'>): Promise<Out<'deleteMedia'>> {
    const response = await this.#client.call({
      method: 'DELETE',
      path: `/${encodeURIComponent(input.mediaId)}`,
      query: { phone_number_id: input.phoneNumberId },
      safeToRepeat: true,
      alreadyDone: (error) => (error.metaCode === 100 && error.metaSubcode === 33 ? { success: true } : null),
    });
    if (response.success !== true) throw new WhatsAppApiError({ message: `${this.label} did not confirm deleting media ${input.mediaId}`, provider: this.name });
    return { deleted: true };
  }

  async listTemplates(input: In<'listTemplates'>): Promise<Out<'listTemplates'>> {
    const wabaId = this.wabaId(input.wabaId);
    const filters = { fields: TEMPLATE_FIELDS, name: input.name, status: input.status, category: input.category, language: input.language };
    const { items, hasMore } = await this.collectPages(`/${wabaId}/message_templates`, filters, (raw) => toTemplate(raw, this), input.limit);
    return { templates: items, count: items.length, hasMore };
  }

  async getTemplateById(input: In<'getTemplateById'>): Promise<Out<'getTemplateById'>> {
    const response = await this.#client.call({ method: 'GET', path: `/${input.templateId}`, query: { fields: TEMPLATE_FIELDS }, safeToRepeat: true });
    return toTemplate(response, this);
  }

  async createTemplate(input: In<'createTemplate'>): Promise<Out<'createTemplate'>> {
    const wabaId = this.wabaId(input.wabaId);
    const named = parameterFormatOf(input.components) === 'NAMED';
    const response = await this.#client.call({
      method: 'POST',
      path: `/${wabaId}/message_templates`,
      json: compact({
        name: input.name,
        category: input.category,
        language: input.language,
        parameter_format: named ? 'named' : undefined,
        allow_category_change: input.allowCategoryChange,
        components: toJsonValue(input.components),
      }),
      safeToRepeat: false,
    });
    return {
      id: requiredString(response, 'id', 'a template id', this),
      status: str(response.status) ?? 'PENDING',
      category: str(response.category) ?? input.category,
    };
  }

  async deleteTemplate(input: In<'deleteTemplate'>): Promise<Out<'deleteTemplate'>> {
    const wabaId = this.wabaId(input.wabaId);
    const response = await this.#client.call({
      method: 'DELETE',
      path: `/${wabaId}/message_templates`,
      query: { name: input.name, hsm_id: input.templateId },
      safeToRepeat: true,
      alreadyDone: (error) => (error.metaCode === 100 ? { success: true } : null),
    });
    if (response.success !== true) throw new WhatsAppApiError({ message: `${this.label} did not confirm deleting template ${input.name}`, provider: this.name });
    return { deleted: true };
  }

  async listPhoneNumbers(input: In<'listPhoneNumbers'>): Promise<Out<'listPhoneNumbers'>> {
    const wabaId = this.wabaId(input.wabaId);
    const { items } = await this.collectPages(`/${wabaId}/phone_numbers`, { fields: PHONE_FIELDS }, (raw) => toPhoneNumber(raw, this));
    return { phoneNumbers: items, count: items.length };
  }

  async getPhoneNumber(input: In<'getPhoneNumber'>): Promise<Out<'getPhoneNumber'>> {
    const phoneNumberId = this.phoneNumberId(input.phoneNumberId);
    const response = await this.#client.call({ method: 'GET', path: `/${phoneNumberId}`, query: { fields: PHONE_FIELDS }, safeToRepeat: true });
    return toPhoneNumber(response, this);
  }

  async getBusinessProfile(input: In<'getBusinessProfile'>): Promise<Out<'getBusinessProfile'>> {
    const phoneNumberId = this.phoneNumberId(input.phoneNumberId);
    const response = await this.#client.call({
      method: 'GET',
      path: `/${phoneNumberId}/whatsapp_business_profile`,
      query: { fields: PROFILE_FIELDS },
      safeToRepeat: true,
    });
    return toBusinessProfile(response);
  }

  async updateBusinessProfile(input: In<'updateBusinessProfile'>): Promise<Out<'updateBusinessProfile'>> {
    const { phoneNumberId: override, ...fields } = input;
    const phoneNumberId = this.phoneNumberId(override);
    const payload = compact({
      messaging_product: 'whatsapp',
      about: fields.about,
      address: fields.address,
      description: fields.description,
      email: fields.email,
      websites: fields.websites,
      vertical: fields.vertical,
      profile_picture_handle: fields.profilePictureHandle,
    });
    const response = await this.#client.call({ method: 'POST', path: `/${phoneNumberId}/whatsapp_business_profile`, json: payload, safeToRepeat: true });
    if (response.success !== true) throw new WhatsAppApiError({ message: `${this.label} did not confirm the profile update`, provider: this.name });
    return { updated: true, fields: Object.keys(fields).filter((key) => fields[key as keyof typeof fields] !== undefined) };
  }
}
