/** whatsapp-sandbox: a local simulator of Meta's WhatsApp Cloud API. */
export { startSandbox } from './runtime/start-sandbox';
export type { RunningSandbox } from './runtime/start-sandbox';
export type { SandboxOptions, SandboxConfig } from './runtime/options';
export type { SentMessage, MessageStatus } from './messages/message-log';
export type { WebhookDelivery } from './webhooks/dispatcher';
export type { TemplateRecord, TemplateShape, ParameterFormat } from './templates/template-record';
export type { BusinessProfile } from './account/business-profile';
export type { StoredMedia } from './media/media-store';
