/**
 * Everything in core except the undici HTTP client. The n8n nodes bundle this entry (n8n packages
 * may ship no dependencies, and their HTTP goes through n8n's helpers), so providers built from it
 * need an explicit `transport`. The package entry (index.ts) adds undici as the default.
 */

// The operation catalogue: the single definition of every operation.
export { operations, listOperations, operationsSupportedBy } from './operations';
export type { OperationName } from './operations';
export { defineOperation } from './operations/define';
export type { Operation, OperationAnnotations, Resource } from './operations/define';

// Providers.
export { createProvider } from './providers/create-provider';
export type { ProviderConfig } from './providers/create-provider';
export { createCloudProvider, DEFAULT_GRAPH_BASE_URL, DEFAULT_GRAPH_VERSION } from './providers/cloud-provider';
export type { CloudProviderConfig } from './providers/cloud-provider';
export { GraphProvider } from './providers/graph/graph-provider';
export { createMatonProvider } from './providers/maton/maton-provider';
export { DEFAULT_MATON_CONTROL_URL, DEFAULT_MATON_GATEWAY_URL, DEFAULT_MATON_REQUESTS_PER_SECOND } from './providers/maton/maton-config';
export type { MatonProviderConfig } from './providers/maton/maton-config';
export { createOnPremProvider } from './providers/onprem/onprem-provider';
export { basicCredentials } from './providers/onprem/onprem-client';
export { DEFAULT_ONPREM_READINESS_TIMEOUT_MS } from './providers/onprem/onprem-config';
export type { OnPremProviderConfig } from './providers/onprem/onprem-config';
export { createItnioProvider } from './providers/itnio/itnio-provider';
export { itnioSign, itnioTimestamp } from './providers/itnio/itnio-sign';
export { DEFAULT_ITNIO_BASE_URL } from './providers/itnio/itnio-config';
export type { ItnioProviderConfig } from './providers/itnio/itnio-config';
export { capabilityMatrixMarkdown } from './providers/capability-matrix';
export { PROVIDER_SUPPORT, PROVIDER_NAMES, MESSAGE_KINDS, messageKindOf, supportsAll, alternativeFor } from './providers/support';
export type { MessageKind, ProviderSupport } from './providers/support';
export { sendWithRetries, networkFailure } from './transport/with-retries';
export type { RetryingSender } from './transport/with-retries';
export type { Capability, Provider, ProviderCapabilities, ProviderName } from './providers/provider';

// HTTP.
export type { HttpMethod, Transport, TransportRequest, TransportResponse } from './transport/transport';
export { toNetworkError } from './transport/network-failure';
export { registerHostDefaults } from './runtime/host-defaults';
export type { DefaultTransportOptions, HostDefaults } from './runtime/host-defaults';
export { DEFAULT_RETRY, isRetryable, isRetryableAnswer, parseRetryAfter } from './retry/retry-policy';
export type { RetryOptions } from './retry/retry-policy';
export type { Clock } from './runtime/clock';

// Errors.
export { createRedactor } from './redact';
// Linear replacements for patterns that backtrack quadratically on hostile input (/\/+$/, /<[^>]+>/).
export { withoutTrailingSlashes } from './providers/config-fields';
export { withoutTags } from './errors/body-text';
export { WhatsAppError } from './errors/whatsapp-error';
export type { WhatsAppErrorKind } from './errors/whatsapp-error';
export { WhatsAppValidationError, formatIssue } from './errors/validation-error';
export type { ValidationIssue } from './errors/validation-error';
export {
  WhatsAppApiError,
  WhatsAppConfigError,
  WhatsAppIntegrityError,
  WhatsAppNetworkError,
  WhatsAppUnsupportedError,
} from './errors/other-errors';
export type { NetworkFailure } from './errors/other-errors';
export { hintForMetaCode } from './errors/meta-error-codes';

// Webhooks.
export { verifyWebhookSignature, signWebhookPayload, escapeUnicode } from './webhooks/signature';
export { handleVerificationChallenge } from './webhooks/verification';
export type { VerificationResponse } from './webhooks/verification';
export { normalizeWebhook } from './webhooks/normalize';
export { MAX_WEBHOOK_DEPTH } from './webhooks/webhook-body';
export { carriesSharedSecret } from './webhooks/shared-secret';
export type { SharedSecretCarriers } from './webhooks/shared-secret';
export { normalizePassThroughWebhook, type PassThroughWebhook } from './webhooks/pass-through';
export type * from './webhooks/event';

// Input and result types, and the wire builders (for dry runs and conformance checks).
export type { SendMessageInput, MessageType } from './schemas/message/send-message';
export type * from './schemas/operation-inputs';
export type * from './schemas/operation-results';
export type * from './schemas/connection';
export type * from './schemas/account';
export type * from './schemas/contact';
export { MATON_WHATSAPP_APP } from './schemas/connection';
export { GATEWAY_STATUSES, AUTO_DOWNLOAD_KINDS, MAX_CONCURRENT_WEBHOOK_REQUESTS } from './schemas/account';
export { MAX_CONTACTS_PER_CHECK } from './schemas/contact';
export { toCloudMessagePayload, toCloudMarkReadPayload } from './wire/cloud-message';
export { parseInput } from './validation/parse';
export type { JsonObject, JsonValue, JsonPrimitive } from './json';
export { isJsonObject } from './json';

// Shared fact tables (the sandbox enforces the same numbers).
export { CUSTOMER_SERVICE_WINDOW_MS, LIMITS, BUSINESS_VERTICALS, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, LANGUAGE_CODE_PATTERN } from './rules/limits';
export type { BusinessVertical, TemplateCategory, TemplateStatus } from './rules/limits';
export {
  MEDIA_RULES,
  STATIC_STICKER_MAX_BYTES,
  baseMimeType,
  mediaKindOf,
  isRejectedOggCodec,
  isAnimatedWebp,
  maxBytesFor,
  extensionForMimeType,
  mediaFileName,
} from './rules/media-types';
export type { MediaKind, MediaKindRule } from './rules/media-types';
export { normalizePhoneNumber } from './rules/phone';
export type { PhoneNormalization } from './rules/phone';
export { extractTemplateVariables, positionalGap, NAMED_VARIABLE, variableAtEdge } from './rules/template-variables';
export type { TemplateVariables } from './rules/template-variables';
export { isTemplateLanguage, TEMPLATE_LANGUAGES, TEMPLATE_LANGUAGE_EXAMPLES } from './rules/template-languages';
export { codePointLength } from './validation/fields';
export { isSingleEmoji, MAX_EMOJI_UTF16_LENGTH } from './schemas/message/reaction';
