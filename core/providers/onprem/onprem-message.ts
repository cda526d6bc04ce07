import type { ValidationIssue } from '../../errors/validation-error';
import { WhatsAppValidationError } from '../../errors/validation-error';
import { compact } from '../../json';
import type { JsonObject } from '../../json';
import type { SendMessageInput } from '../../schemas/message/send-message';
import type { TemplateObject } from '../../schemas/message/template';
import type { MarkReadInput } from '../../schemas/operation-inputs';
import { messageContentToWire } from '../../wire/cloud-message';
import { mediaToWire } from '../../wire/media';
import { templateToWire } from '../../wire/template';

const NOT_ON_ONPREM = 'not supported by the WhatsApp On-Premises API';

/** A client sends from the one number registered on it; there is no sender to choose. */
export function phoneNumberIdIssue(value: unknown): ValidationIssue[] {
  return value === undefined
    ? []
    : [{ path: 'phoneNumberId', rule: `${NOT_ON_ONPREM}: a client serves the one number registered on it; leave phoneNumberId out` }];
}

/** Input the On-Premises dialect cannot carry; refused before any request. */
function messageIssues(message: SendMessageInput, namespace: string | undefined): ValidationIssue[] {
  const issues = phoneNumberIdIssue(message.phoneNumberId);
  if (message.bizOpaqueCallbackData !== undefined) {
    issues.push({ path: 'bizOpaqueCallbackData', rule: `${NOT_ON_ONPREM} (Cloud API only); keep your own message id to correlate statuses` });
  }
  if (message.type === 'audio' && message.audio.voice === true) {
    issues.push({ path: 'audio.voice', rule: `${NOT_ON_ONPREM} (voice notes are sent as audio there)` });
  }
  if (message.type === 'template') {
    if (namespace === undefined) {
      issues.push({
        path: 'templateNamespace',
        rule: 'required in the provider configuration to send templates on the On-Premises API: the WhatsApp Business Account\'s template namespace (shown in WhatsApp Manager)',
      });
    }
    const { header, body } = message.template;
    if (header?.type === 'text' && header.name !== undefined) issues.push({ path: 'template.header.name', rule: `named parameters are ${NOT_ON_ONPREM}; use positional parameters` });
    body?.forEach((parameter, index) => {
      if (parameter.name !== undefined) issues.push({ path: `template.body[${index}].name`, rule: `named parameters are ${NOT_ON_ONPREM}; use positional parameters` });
    });
  }
  return issues;
}

/** Cloud's template object plus the namespace, with the deterministic language policy On-Premises requires. */
function templateToOnPremWire(template: TemplateObject, namespace: string): JsonObject {
  const cloud = templateToWire(template);
  return compact({
    namespace,
    name: cloud.name,
    language: { policy: 'deterministic', code: template.language },
    components: cloud.components,
  });
}

/** Where the On-Premises dialect differs from Cloud's: text, audio, templates; the rest is laid out alike. */
function contentToWire(message: SendMessageInput, namespace: string): JsonObject | JsonObject[] {
  switch (message.type) {
    case 'text':
      // preview_url goes at the top level of the message instead.
      return { body: message.text.body };
    case 'audio':
      // No voice flag: voice: true is refused above, and the client takes no such field.
      return mediaToWire({ id: message.audio.id, link: message.audio.link });
    case 'template':
      return templateToOnPremWire(message.template, namespace);
    case 'reaction':
      // Refused centrally (PROVIDER_SUPPORT.onprem.messageKinds); kept exhaustive for the compiler.
      throw new WhatsAppValidationError([{ path: 'type', rule: `reaction messages are ${NOT_ON_ONPREM}` }], 'onprem');
    default:
      // Media with caption and filename, location, contacts, and reply buttons and lists have the same shape on both APIs.
      return messageContentToWire(message);
  }
}

/**
 * The body of POST /v1/messages: Cloud's message without messaging_product, preview_url at the top
 * level, templates with their namespace and a deterministic language policy.
 */
export function toOnPremMessagePayload(message: SendMessageInput, namespace: string | undefined): JsonObject {
  const issues = messageIssues(message, namespace);
  if (issues.length > 0) throw new WhatsAppValidationError(issues, 'onprem');
  return compact({
    recipient_type: 'individual',
    to: message.to,
    type: message.type,
    preview_url: message.type === 'text' ? message.text.previewUrl : undefined,
    [message.type]: contentToWire(message, namespace ?? ''),
    context: message.replyTo === undefined ? undefined : { message_id: message.replyTo },
  });
}

/** PUT /v1/messages/{id} takes only the status; a typing indicator is Cloud API only. */
export function toOnPremMarkReadPayload(input: MarkReadInput): JsonObject {
  const issues = phoneNumberIdIssue(input.phoneNumberId);
  if (input.typingIndicator === true) {
    issues.push({ path: 'typingIndicator', rule: `${NOT_ON_ONPREM} (Cloud API only); mark the message read without it` });
  }
  if (issues.length > 0) throw new WhatsAppValidationError(issues, 'onprem');
  return { status: 'read' };
}
