export { LIMITS, BUSINESS_VERTICALS, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, LANGUAGE_CODE_PATTERN } from './rules/limits';
export type { BusinessVertical, TemplateCategory, TemplateStatus } from './rules/limits';
export {
  MEDIA_RULES,
  STATIC_STICKER_MAX_BYTES,
  baseMimeType,
  mediaKindOf,
  isRejectedOggCodec,
  isAnimatedWebp,
  maxBytesFor,
} from './rules/media-types';
export type { MediaKind, MediaKindRule } from './rules/media-types';
export { normalizePhoneNumber } from './rules/phone';
export type { PhoneNormalization } from './rules/phone';
