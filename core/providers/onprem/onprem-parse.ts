import { compact, isJsonObject } from '../../json';
import type { JsonObject } from '../../json';
import { obj, objects, str } from '../../json-read';
import type { ApplicationSettings, ApplicationSettingsUpdateInput } from '../../schemas/account';
import type { ContactCheckResult } from '../../schemas/contact';
import type { BusinessProfile } from '../../schemas/operation-results';

/** The client's answers nest settings by path: GET /v1/settings/business/profile -> settings.business.profile. */
function nested(response: Record<string, unknown>, ...path: string[]): Record<string, unknown> | null {
  let current: Record<string, unknown> | null = response;
  for (const key of path) current = obj(current?.[key]);
  return current;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The business profile and the About text, which On-Premises keeps at two endpoints, as one profile. */
export function toBusinessProfile(business: Record<string, unknown>, about: Record<string, unknown>): BusinessProfile {
  const profile = nested(business, 'settings', 'business', 'profile') ?? {};
  return {
    about: str(nested(about, 'settings', 'profile', 'about')?.text),
    address: str(profile.address),
    description: str(profile.description),
    email: str(profile.email),
    // The photo is served as bytes (GET /v1/settings/profile/photo), never by URL.
    profilePictureUrl: null,
    websites: strings(profile.websites),
    vertical: str(profile.vertical),
  };
}

/** The five fields POST /v1/settings/business/profile takes, as the client last reported them. */
export function businessProfileFields(business: Record<string, unknown>): JsonObject {
  const profile = nested(business, 'settings', 'business', 'profile') ?? {};
  return {
    address: str(profile.address) ?? '',
    description: str(profile.description) ?? '',
    email: str(profile.email) ?? '',
    vertical: str(profile.vertical) ?? '',
    websites: strings(profile.websites),
  };
}

/**
 * GET /v1/settings/application. Meta's reference nests the settings as settings.application; the
 * unofficial OpenAPI shows them bare. Both are read; the answer's meta is not a setting.
 */
export function toApplicationSettings(response: Record<string, unknown>): ApplicationSettings {
  const nestedSettings = nested(response, 'settings', 'application');
  const settings: Record<string, unknown> = nestedSettings ?? Object.fromEntries(Object.entries(response).filter(([key]) => key !== 'meta' && key !== 'errors'));
  const webhooks = obj(settings.webhooks);
  const url = str(webhooks?.url);
  return { webhookUrl: url === null || url === '' ? null : url, settings };
}

/** PATCH /v1/settings/application with only the given settings, in the client's names. */
export function toSettingsPatch(input: ApplicationSettingsUpdateInput): JsonObject {
  const statuses = input.webhookStatuses;
  const message = statuses === undefined ? undefined : compact({ sent: statuses.sent, delivered: statuses.delivered, read: statuses.read });
  const webhooks = compact({ url: input.webhookUrl, message, max_concurrent_requests: input.maxConcurrentWebhookRequests });
  return compact({
    webhooks: Object.keys(webhooks).length > 0 ? webhooks : undefined,
    callback_persist: input.callbackPersist,
    media: input.autoDownload === undefined ? undefined : { auto_download: input.autoDownload },
    pass_through: input.passThrough,
    callback_backoff_delay_ms: input.callbackBackoffDelayMs,
    max_callback_backoff_delay_ms: input.maxCallbackBackoffDelayMs,
  });
}

export function toContactCheckResult(response: Record<string, unknown>): ContactCheckResult {
  return {
    contacts: objects(response.contacts).map((contact) => ({
      input: str(contact.input) ?? '',
      status: str(contact.status) ?? 'unknown',
      waId: str(contact.wa_id),
    })),
  };
}

/** POST /v1/account: 201 already registered; 202 a code is on its way, with the certificate's display name. */
export function toRegistrationResult(status: number, response: Record<string, unknown>): { status: 'code_sent' | 'already_registered'; verifiedName: string | null } {
  if (status === 201) return { status: 'already_registered', verifiedName: null };
  const account = objects(response.account)[0];
  return { status: 'code_sent', verifiedName: isJsonObject(account) ? str(account.vname) : null };
}
