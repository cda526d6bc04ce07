export type WebhookEventKind =
  | 'message'
  | 'status'
  | 'error'
  | 'template_status'
  | 'template_quality'
  | 'template_category'
  | 'account_update'
  | 'phone_number_quality'
  | 'phone_number_name'
  | 'group'
  | 'unknown';

export interface WebhookMedia {
  id: string | null;
  mimeType: string | null;
  sha256: string | null;
  caption: string | null;
  filename: string | null;
  /** Audio recorded as a voice note. */
  voice: boolean | null;
  /** Animated sticker. */
  animated: boolean | null;
  url: string | null;
}

export interface WebhookInteractiveReply {
  /** button_reply, list_reply, nfm_reply (Flows), call_permission_reply... */
  type: string;
  id: string | null;
  title: string | null;
  description: string | null;
  /** Flow answers as a JSON string (nfm_reply). */
  responseJson: string | null;
}

export interface WebhookLocation {
  latitude: number | null;
  longitude: number | null;
  name: string | null;
  address: string | null;
  url: string | null;
}

export interface WebhookContactCard {
  name: { formattedName: string | null; firstName: string | null; lastName: string | null };
  phones: { phone: string | null; waId: string | null; type: string | null }[];
  emails: { email: string | null; type: string | null }[];
  org: { company: string | null; department: string | null; title: string | null } | null;
  urls: { url: string | null; type: string | null }[];
  birthday: string | null;
  raw: unknown;
}

export interface WebhookContext {
  /** The business message this one replies to (or the product message for product enquiries). */
  messageId: string | null;
  from: string | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
  referredProduct: { catalogId: string | null; productRetailerId: string | null } | null;
}

export interface WebhookErrorDetail {
  code: number | null;
  title: string | null;
  message: string | null;
  details: string | null;
  href: string | null;
  /** What to do about it, from core's table of Meta's error codes (131047: send a template); null when the code has none. */
  hint: string | null;
}

export interface WebhookPricing {
  billable: boolean | null;
  /** PMP since July 2025; CBP in older payloads. */
  model: string | null;
  category: string | null;
  type: string | null;
}

export interface WebhookConversation {
  id: string | null;
  originType: string | null;
  expiresAt: number | null;
}

export interface WebhookTemplateInfo {
  id: string | null;
  name: string | null;
  language: string | null;
  category: string | null;
  reason: string | null;
}

/**
 * One thing that happened, in a stable shape: every key is always present (null or empty when it
 * does not apply), whatever the kind, so workflows and agents can rely on the fields.
 */
export interface WebhookEvent {
  kind: WebhookEventKind;
  /** The webhook field it came from: messages, message_template_status_update, account_update... */
  field: string | null;
  /** Stable identity for de-duplicating Meta's redeliveries. */
  dedupeKey: string;
  wabaId: string | null;
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  /** Sender's phone (wa_id); null for users known only by a business-scoped user id. */
  from: string | null;
  /** Sender's business-scoped user id (BSUID), when Meta sends one. */
  fromUserId: string | null;
  contactName: string | null;
  recipientId: string | null;
  recipientUserId: string | null;
  /** The inbound message id, or for a status the id of the message it reports on. */
  messageId: string | null;
  /** Unix seconds. */
  timestamp: number | null;
  /** Message type (text, image, interactive, ...); null for other kinds. */
  type: string | null;
  /** What the user wrote or picked: text body, caption, button text, list or button reply title. */
  text: string | null;
  media: WebhookMedia | null;
  interactive: WebhookInteractiveReply | null;
  /** Template quick-reply button tap. */
  button: { payload: string | null; text: string | null } | null;
  /** emoji null means the reaction was removed. */
  reaction: { messageId: string | null; emoji: string | null } | null;
  location: WebhookLocation | null;
  contacts: WebhookContactCard[] | null;
  context: WebhookContext | null;
  /** Click-to-WhatsApp ad or other referral that started the conversation. */
  referral: Record<string, unknown> | null;
  /** sent, delivered, read, failed, played, deleted. */
  status: string | null;
  errors: WebhookErrorDetail[];
  pricing: WebhookPricing | null;
  conversation: WebhookConversation | null;
  bizOpaqueCallbackData: string | null;
  /** For non-message fields: APPROVED, REJECTED, UPGRADE, ACCOUNT_VIOLATION, ... */
  event: string | null;
  template: WebhookTemplateInfo | null;
  /** The message, status or field value this event was built from, untouched. */
  raw: unknown;
}
