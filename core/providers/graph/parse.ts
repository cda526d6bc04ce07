import { WhatsAppApiError } from '../../errors/other-errors';
import { isJsonObject } from '../../json';
import { objects, str } from '../../json-read';
import type { BusinessProfile, PhoneNumber, Template } from '../../schemas/operation-results';

/** Who answered: `name` goes into errors' provider field, `label` into their text. */
export interface AnswerSource {
  name: string;
  label: string;
}

/** Graph answers are read defensively: a missing essential field is an error, never a made-up value. */
export function requiredString(record: Record<string, unknown>, key: string, what: string, source: AnswerSource): string {
  const value = str(record[key]);
  if (value === null || value === '') {
    throw new WhatsAppApiError({ message: `${source.label} answered without ${what} (field "${key}")`, provider: source.name });
  }
  return value;
}

/** Graph answers are read defensively; a missing essential field is an error, never a made-up value. */
export function toTemplate(raw: Record<string, unknown>, source: AnswerSource): Template {
  return {
    id: requiredString(raw, 'id', 'a template id', source),
    name: str(raw.name) ?? '',
    language: str(raw.language) ?? '',
    status: str(raw.status) ?? 'UNKNOWN',
    category: str(raw.category) ?? 'UNKNOWN',
    parameterFormat: str(raw.parameter_format),
    components: objects(raw.components),
    qualityScore: isJsonObject(raw.quality_score) ? str(raw.quality_score.score) : str(raw.quality_score),
    rejectedReason: str(raw.rejected_reason),
  };
}

export function toPhoneNumber(raw: Record<string, unknown>, source: AnswerSource): PhoneNumber {
  const throughput = isJsonObject(raw.throughput) ? raw.throughput : {};
  return {
    id: requiredString(raw, 'id', 'a phone number id', source),
    displayPhoneNumber: str(raw.display_phone_number),
    verifiedName: str(raw.verified_name),
    qualityRating: str(raw.quality_rating),
    codeVerificationStatus: str(raw.code_verification_status),
    nameStatus: str(raw.name_status),
    platformType: str(raw.platform_type),
    throughputLevel: str(throughput.level),
    messagingLimitTier: str(raw.messaging_limit_tier),
    status: str(raw.status),
    accountMode: str(raw.account_mode),
  };
}

/** Meta answers `{data:[{...profile}]}`; its OpenAPI documents `{data:[{business_profile:{...}}]}`. Accept both. */
export function toBusinessProfile(response: Record<string, unknown>): BusinessProfile {
  const first = objects(response.data)[0] ?? {};
  const raw = isJsonObject(first.business_profile) ? first.business_profile : first;
  return {
    about: str(raw.about),
    address: str(raw.address),
    description: str(raw.description),
    email: str(raw.email),
    profilePictureUrl: str(raw.profile_picture_url),
    websites: Array.isArray(raw.websites) ? raw.websites.filter((w): w is string => typeof w === 'string') : [],
    vertical: str(raw.vertical),
  };
}

/** The `after` cursor of a Graph page when there is a next page, else null. */
export function nextCursor(response: Record<string, unknown>): string | null {
  const paging = isJsonObject(response.paging) ? response.paging : null;
  if (paging === null || typeof paging.next !== 'string') return null;
  const cursors = isJsonObject(paging.cursors) ? paging.cursors : {};
  return str(cursors.after);
}
