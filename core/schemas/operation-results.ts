import { z } from 'zod';

const nullableString = z.string().nullable();

export const sendMessageResult = z.object({
  /** Meta accepted the message for delivery; delivery and reading arrive later as status webhooks. */
  status: z.string().describe('accepted, held_for_quality_assessment or paused: never "delivered"'),
  messageId: z.string(),
  phoneNumberId: nullableString,
  to: z.string(),
  /** The WhatsApp id Meta resolved the number to; may differ from `to` (e.g. Brazil, Mexico). */
  waId: nullableString,
});

export const successResult = z.object({ success: z.boolean() });
export const deleteResult = z.object({ deleted: z.literal(true) });
export const mediaUploadResult = z.object({ mediaId: z.string() });

export const mediaInfo = z.object({
  mediaId: z.string(),
  /** Short-lived (5 minutes on Meta) and only downloadable with the access token. */
  url: z.string(),
  mimeType: nullableString,
  sha256: nullableString,
  fileSize: z.number().nullable(),
});

export const mediaDownloadResult = z.object({
  mediaId: z.string(),
  data: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be binary data' }),
  mimeType: z.string(),
  fileSize: z.number(),
  sha256: nullableString,
  /** Whether the bytes were checked against a checksum the provider gave. */
  sha256Verified: z.boolean(),
});

export const template = z.object({
  id: z.string(),
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string(),
  parameterFormat: nullableString,
  /** Meta's component list, unchanged, so it can be fed back into template.create. */
  components: z.array(z.record(z.string(), z.unknown())),
  qualityScore: nullableString,
  rejectedReason: nullableString,
});

export const templateListResult = z.object({
  templates: z.array(template),
  count: z.number(),
  /** True when `limit` stopped the listing before the last template. */
  hasMore: z.boolean(),
});

export const templateCreateResult = z.object({ id: z.string(), status: z.string(), category: z.string() });

export const phoneNumber = z.object({
  id: z.string(),
  displayPhoneNumber: nullableString,
  verifiedName: nullableString,
  qualityRating: nullableString,
  codeVerificationStatus: nullableString,
  nameStatus: nullableString,
  platformType: nullableString,
  throughputLevel: nullableString,
  messagingLimitTier: nullableString,
  status: nullableString,
  accountMode: nullableString,
});

export const phoneNumberListResult = z.object({ phoneNumbers: z.array(phoneNumber), count: z.number() });

export const businessProfile = z.object({
  about: nullableString,
  address: nullableString,
  description: nullableString,
  email: nullableString,
  profilePictureUrl: nullableString,
  websites: z.array(z.string()),
  vertical: nullableString,
});

export const businessProfileUpdateResult = z.object({ updated: z.literal(true), fields: z.array(z.string()) });

export type SendMessageResult = z.output<typeof sendMessageResult>;
export type SuccessResult = z.output<typeof successResult>;
export type DeleteResult = z.output<typeof deleteResult>;
export type MediaUploadResult = z.output<typeof mediaUploadResult>;
export type MediaInfo = z.output<typeof mediaInfo>;
export type MediaDownloadResult = z.output<typeof mediaDownloadResult>;
export type Template = z.output<typeof template>;
export type TemplateListResult = z.output<typeof templateListResult>;
export type TemplateCreateResult = z.output<typeof templateCreateResult>;
export type PhoneNumber = z.output<typeof phoneNumber>;
export type PhoneNumberListResult = z.output<typeof phoneNumberListResult>;
export type BusinessProfile = z.output<typeof businessProfile>;
export type BusinessProfileUpdateResult = z.output<typeof businessProfileUpdateResult>;
