import { WhatsAppApiError } from '../../errors/other-errors';
import { isJsonObject } from '../../json';
import type { BusinessProfile, PhoneNumber, Template } from '../../schemas/operation-results';

/** Graph answers are untrusted JSON: read fields defensively and fail loudly on missing essentials. */
export function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function requiredString(record: Record<string, unknown>, key: string, what: string, provider: string): string {
  const value = stringOrNull(record[key]);
  if (value === null || value === '') {
    throw new WhatsAppApiError({ message: `${provider} answered without ${what} (field "${key}")`, provider });
  }
  return value;
}

export function objectsIn(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function toTemplate(raw: Record<string, unknown>, provider: string): Template {
  return {
    id: requiredString(raw, 'id', 'a template id', provider),
    name: stringOrNull(raw.name) ?? '',
    language: stringOrNull(raw.language) ?? '',
    status: stringOrNull(raw.status) ?? 'UNKNOWN',
    category: stringOrNull(raw.category) ?? 'UNKNOWN',
    parameterFormat: stringOrNull(raw.parameter_format),
    components: objectsIn(raw.components),
    qualityScore: isJsonObject(raw.quality_score) ? stringOrNull(raw.quality_score.score) : stringOrNull(raw.quality_score),
    rejectedReason: stringOrNull(raw.rejected_reason),
  };
}

export function toPhoneNumber(raw: Record<string, unknown>, provider: string): PhoneNumber {
  const throughput = isJsonObject(raw.throughput) ? raw.throughput : {};
  return {
    id: requiredString(raw, 'id', 'a phone number id', provider),
    displayPhoneNumber: stringOrNull(raw.display_phone_number),
    verifiedName: stringOrNull(raw.verified_name),
    qualityRating: stringOrNull(raw.quality_rating),
    codeVerificationStatus: stringOrNull(raw.code_verification_status),
    nameStatus: stringOrNull(raw.name_status),
    platformType: stringOrNull(raw.platform_type),
    throughputLevel: stringOrNull(throughput.level),
    messagingLimitTier: stringOrNull(raw.messaging_limit_tier),
    status: stringOrNull(raw.status),
    accountMode: stringOrNull(raw.account_mode),
  };
}

/** Meta answers `{data:[{...profile}]}`; its OpenAPI documents `{data:[{business_profile:{...}}]}`. Accept both. */
export function toBusinessProfile(response: Record<string, unknown>): BusinessProfile {
  const first = objectsIn(response.data)[0] ?? {};
  const raw = isJsonObject(first.business_profile) ? first.business_profile : first;
  return {
    about: stringOrNull(raw.about),
    address: stringOrNull(raw.address),
    description: stringOrNull(raw.description),
    email: stringOrNull(raw.email),
    profilePictureUrl: stringOrNull(raw.profile_picture_url),
    websites: Array.isArray(raw.websites) ? raw.websites.filter((w): w is string => typeof w === 'string') : [],
    vertical: stringOrNull(raw.vertical),
  };
}

/** The `after` cursor of a Graph page when there is a next page, else null. */
export function nextCursor(response: Record<string, unknown>): string | null {
  const paging = isJsonObject(response.paging) ? response.paging : null;
  if (paging === null || typeof paging.next !== 'string') return null;
  const cursors = isJsonObject(paging.cursors) ? paging.cursors : {};
  return stringOrNull(cursors.after);
}
