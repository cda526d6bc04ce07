import type { ValidationIssue } from '../../errors/validation-error';
import { compact } from '../../json';
import type { JsonObject, JsonValue } from '../../json';
import type { SendMessageInput } from '../../schemas/message/send-message';
import { contactCardToWire } from '../../wire/contacts';
import { interactiveToWire } from '../../wire/interactive';
import { itnioTemplate } from './itnio-template-message';

/** Where ITNIO sends from: its application and the business number bound to it. */
export interface ItnioSender {
  appId: string;
  businessPhone: string;
}

/** A request ready for ITNIO: the path and its JSON body. */
export interface ItnioRequest {
  path: string;
  body: JsonObject;
}

/** ITNIO refuses recipients longer than 14 digits (-70); the catalogue allows WhatsApp's 15. */
export const ITNIO_MAX_RECIPIENT_DIGITS = 14;

export const CUSTOM_MESSAGE_PATH = '/wa/custom/sendMsg';
export const TEMPLATE_MESSAGE_PATH = '/wa/template/sendMsg';
/** ITNIO's only channel type: 0, WhatsApp. */
export const WHATSAPP_CHANNEL = 0;

type Message<T extends SendMessageInput['type']> = Extract<SendMessageInput, { type: T }>;
type Issues = ValidationIssue[];

/** Media by link only: ITNIO documents no upload, so an id has nothing to refer to. */
function mediaLink(media: { id?: string; link?: string }, path: string, issues: Issues): string {
  if (media.link === undefined) issues.push({ path: `${path}.id`, rule: 'not supported by ITNIO: it takes media by public https link only (use "link")' });
  return media.link ?? '';
}

function textContent(message: Message<'text'>, issues: Issues): JsonObject {
  // false asks for what ITNIO does anyway; only a requested preview would be lost.
  if (message.text.previewUrl === true) issues.push({ path: 'text.previewUrl', rule: 'ITNIO does not document link previews: leave it out' });
  return { body: message.text.body };
}

function mediaContent(message: Message<'image' | 'video' | 'audio' | 'document' | 'sticker'>, issues: Issues): JsonObject {
  switch (message.type) {
    case 'image':
      return compact({ link: mediaLink(message.image, 'image', issues), caption: message.image.caption });
    case 'video':
      return compact({ link: mediaLink(message.video, 'video', issues), caption: message.video.caption });
    case 'audio':
      if (message.audio.voice === true) issues.push({ path: 'audio.voice', rule: 'ITNIO does not document voice notes: leave it out to send the audio as a file' });
      return { link: mediaLink(message.audio, 'audio', issues) };
    case 'sticker':
      return { link: mediaLink(message.sticker, 'sticker', issues) };
    case 'document':
      // ITNIO's document table marks filename as required for documents.
      if (message.document.filename === undefined) issues.push({ path: 'document.filename', rule: 'required by ITNIO for documents' });
      return compact({ link: mediaLink(message.document, 'document', issues), filename: message.document.filename, caption: message.document.caption });
  }
}

function locationContent(message: Message<'location'>, issues: Issues): JsonObject {
  const { latitude, longitude, name, address } = message.location;
  // ITNIO's location table marks name and address as required, unlike Meta.
  if (name === undefined || name.trim() === '') issues.push({ path: 'location.name', rule: 'required by ITNIO for location messages' });
  if (address === undefined || address.trim() === '') issues.push({ path: 'location.address', rule: 'required by ITNIO for location messages' });
  // ITNIO types latitude and longitude as strings (its example sends "62.636152267456").
  return compact({ latitude: String(latitude), longitude: String(longitude), name, address });
}

function interactiveContent(message: Message<'interactive'>, issues: Issues): JsonObject {
  const interactive = message.interactive;
  if (interactive.type === 'button' && interactive.header !== undefined && interactive.header.type !== 'text') {
    issues.push({ path: 'interactive.header.type', rule: `ITNIO documents only text headers for interactive messages (got ${interactive.header.type})` });
  }
  if (interactive.type === 'list') {
    interactive.action.sections.forEach((section, index) => {
      if (section.title === undefined) issues.push({ path: `interactive.action.sections[${index}].title`, rule: 'required by ITNIO (every section has a title)' });
    });
  }
  if (interactive.type === 'cta_url') {
    issues.push({ path: 'interactive.type', rule: 'ITNIO does not document call-to-action URL buttons: put the link in a text message instead' });
  }
  // ITNIO's list, button and location request objects are Meta's, field for field.
  return interactiveToWire(interactive);
}

function sessionContent(message: Exclude<SendMessageInput, { type: 'template' }>, issues: Issues): JsonValue {
  switch (message.type) {
    case 'text':
      return textContent(message, issues);
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return mediaContent(message, issues);
    case 'location':
      return locationContent(message, issues);
    case 'contacts':
      return message.contacts.map(contactCardToWire);
    case 'interactive':
      return interactiveContent(message, issues);
    case 'reaction':
      issues.push({ path: 'type', rule: 'ITNIO does not document reaction messages: send a text reply instead' });
      return {};
  }
}

/**
 * The ITNIO request for a validated catalogue message, or the fields ITNIO cannot carry added to
 * `issues` (so that nothing is silently dropped and ITNIO's avoidable status codes never come back).
 */
export function toItnioRequest(message: SendMessageInput, sender: ItnioSender, issues: Issues): ItnioRequest {
  if (message.phoneNumberId !== undefined) {
    issues.push({ path: 'phoneNumberId', rule: 'not used by ITNIO, which sends from the configured businessPhone: leave it out' });
  }
  if (message.bizOpaqueCallbackData !== undefined) {
    issues.push({ path: 'bizOpaqueCallbackData', rule: 'ITNIO documents no callback data: leave it out' });
  }
  if (message.to.length > ITNIO_MAX_RECIPIENT_DIGITS) {
    issues.push({ path: 'to', rule: `at most ${ITNIO_MAX_RECIPIENT_DIGITS} digits including the country code for ITNIO (got ${message.to.length})` });
  }
  if (message.type === 'template') {
    if (message.replyTo !== undefined) issues.push({ path: 'replyTo', rule: 'ITNIO documents replies (context) for session messages only, not templates' });
    return {
      path: TEMPLATE_MESSAGE_PATH,
      body: {
        appId: sender.appId,
        channelType: WHATSAPP_CHANNEL,
        recipient: message.to,
        businessPhone: sender.businessPhone,
        template: itnioTemplate(message.template, issues),
      },
    };
  }
  return {
    path: CUSTOM_MESSAGE_PATH,
    body: compact({
      appId: sender.appId,
      businessPhone: sender.businessPhone,
      recipient: message.to,
      channelType: WHATSAPP_CHANNEL,
      type: message.type,
      [message.type]: sessionContent(message, issues),
      context: message.replyTo === undefined ? undefined : { refMessageId: message.replyTo },
    }),
  };
}
