/**
 * Meta's documented limits for the Cloud API (facts file §2). Core validates catalogue input against
 * these before any network call; the sandbox enforces the same numbers on the wire payloads it receives.
 */
/** Meta's customer service window: free-form messages are allowed for 24 h after the user's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export const LIMITS = {
  text: { body: 4096 },
  media: { caption: 1024 },
  interactive: {
    body: 1024,
    header: 60,
    footer: 60,
    replyButtons: { min: 1, max: 3, id: 256, title: 20 },
    list: {
      button: 20,
      sections: { min: 1, max: 10 },
      rowsTotal: { max: 10 },
      sectionTitle: 24,
      row: { id: 200, title: 24, description: 72 },
    },
    ctaUrl: { displayText: 20 },
  },
  contacts: { min: 1, max: 5 },
  bizOpaqueCallbackData: 512,
  location: { latitude: 90, longitude: 180 },
  template: {
    name: 512,
    namePattern: /^[a-z0-9_]+$/,
    headerText: 60,
    headerVariables: 1,
    body: 1024,
    footer: 60,
    buttonText: 25,
    buttons: { max: 10, url: 2, phoneNumber: 1, copyCode: 1 },
    phoneNumber: 20,
    copyCodeExample: 15,
    url: 2000,
    /** Value of a body/header text parameter when sending. */
    textParameter: 32768,
    headerTextParameter: 60,
    codeExpirationMinutes: { min: 1, max: 90 },
  },
  businessProfile: {
    about: { min: 1, max: 139 },
    address: 256,
    description: 256,
    email: 128,
    websites: { max: 2, length: 256 },
  },
  phoneNumber: { minDigits: 7, maxDigits: 15 },
} as const;

/** Industry values accepted by POST /{phone-number-id}/whatsapp_business_profile (OpenAPI v23.0, WhatsAppBusinessVertical). */
export const BUSINESS_VERTICALS = [
  'OTHER',
  'AUTO',
  'BEAUTY',
  'APPAREL',
  'EDU',
  'ENTERTAIN',
  'EVENT_PLAN',
  'FINANCE',
  'GROCERY',
  'GOVT',
  'HOTEL',
  'HEALTH',
  'NONPROFIT',
  'PROF_SERVICES',
  'RETAIL',
  'TRAVEL',
  'RESTAURANT',
  'ALCOHOL',
  'ONLINE_GAMBLING',
  'PHYSICAL_GAMBLING',
  'OTC_DRUGS',
] as const;
export type BusinessVertical = (typeof BUSINESS_VERTICALS)[number];

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
  'ARCHIVED',
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** Language codes look like `en`, `en_US`, `zh_CN`, `es_LA`, `pt_BR`, `fil`. */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(_[A-Z]{2})?$/;
