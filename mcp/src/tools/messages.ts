import { z } from 'zod';
import { hintForMetaCode, LIMITS, operations, PROVIDER_SUPPORT } from 'whatsapp-business-core';
import type { MarkReadInput, MessageKind, MessageType, ProviderName, SendMessageInput, SendMessageResult, SuccessResult } from 'whatsapp-business-core';
import { bindOperation, catalogue } from './bind';
import type { CallContext, ToolDefinition } from './define';
import { PolicyDenied } from './result';
import { checkTemplateBodyForms, withTemplateBodyShorthands } from './template-body-schema';

const send = operations['message.send'];

type Member = (typeof send.input.options)[number];

const WINDOW_RULE =
  'Free-form messages reach a customer only within 24 hours of their last message to you (the customer service window; ' +
  'whatsapp_list_conversations shows it). Outside the window use whatsapp_send_template.';
const ACCEPTED_RULE =
  'A result with status "accepted" and a message id means WhatsApp accepted the message, not that it was delivered: ' +
  'delivery, reading or failure arrive later (see whatsapp_get_conversation).';

export const windowSchema = z.object({
  state: z.enum(['open', 'closed', 'unknown']).describe('open: free-form allowed; closed: templates only; unknown: no message from this user in the inbox'),
  expiresAt: z.string().nullable().describe('When the window closes (or closed), ISO 8601'),
});

const sendOutput = send.result.extend({
  note: z.string(),
  window: windowSchema.describe('The customer service window at the time of sending'),
});

const SEND_DOCS: Readonly<Record<string, string>> = {
  to: 'Recipient phone number with country code, e.g. "+44 7700 900123" or "447700900123".',
  replyTo: 'Id (wamid) of a message in this chat to quote as the reply context.',
  bizOpaqueCallbackData: `Your own tracking text (max ${LIMITS.bizOpaqueCallbackData} characters), echoed in status webhooks.`,
  'text.body': `Message text, up to ${LIMITS.text.body} characters. WhatsApp formatting such as *bold* and _italic_ works.`,
  'text.previewUrl': 'Show a preview of the first URL in the body.',
  type: 'Kind of media: "image", "video", "audio", "document" or "sticker"; the media object goes under the key of the same name.',
  image: 'Exactly one of "id" (from whatsapp_upload_media) or "link" (public http(s) URL); optional caption.',
  video: 'Exactly one of "id" or "link"; optional caption.',
  audio: 'Exactly one of "id" or "link"; "voice": true sends an OGG/Opus file as a voice note.',
  document: 'Exactly one of "id" or "link"; optional caption and filename.',
  sticker: 'Exactly one of "id" or "link" (WebP).',
  template: 'An approved template: name, language code (e.g. "en_US") and values for its variables.',
  'template.body':
    'Values for the body\'s variables, in one of three forms: in order as plain values (["Ana", "42"]) or as parameter objects ([{"type": "text", "text": "Ana"}]; also currency and date_time), or by name for {{first_name}}-style variables ({"first_name": "Ana"}).',
  'template.buttons': 'Values for buttons with variables: URL suffixes, quick-reply payloads, copy codes.',
  interactive:
    'One of: "button" (1-3 reply buttons), "list" (a menu button opening sections of rows), "cta_url" (a button opening a URL), "location_request" (asks the user to share their location).',
  location: 'Latitude and longitude in degrees; optional place name and address.',
  contacts: `${LIMITS.contacts.min}-${LIMITS.contacts.max} contact cards; each needs name.formattedName plus at least one other name part.`,
  'reaction.messageId': 'The message (wamid) to react to.',
  'reaction.emoji': 'One emoji; an empty string removes your reaction.',
};

function typeOf(member: Member): MessageType {
  return member.shape.type.value as MessageType;
}

/** One line saying what a message was, for the inbox. */
export function summarize(message: SendMessageInput): string | null {
  switch (message.type) {
    case 'text':
      return message.text.body;
    case 'image':
      return `[image]${message.image.caption ? ` ${message.image.caption}` : ''}`;
    case 'video':
      return `[video]${message.video.caption ? ` ${message.video.caption}` : ''}`;
    case 'document':
      return `[document]${message.document.caption ? ` ${message.document.caption}` : ` ${message.document.filename ?? ''}`}`.trimEnd();
    case 'audio':
    case 'sticker':
      return `[${message.type}]`;
    case 'location':
      return `[location] ${message.location.name ?? message.location.address ?? `${message.location.latitude},${message.location.longitude}`}`;
    case 'contacts':
      return `[contacts] ${message.contacts.map((c) => c.name.formattedName).join(', ')}`;
    case 'reaction':
      return `[reaction ${message.reaction.emoji || 'removed'}] to ${message.reaction.messageId}`;
    case 'interactive':
      return `[interactive ${message.interactive.type}] ${message.interactive.body.text}`;
    case 'template':
      return `[template ${message.template.name} ${message.template.language}]`;
  }
}

function checkWindow(message: SendMessageInput, ctx: CallContext): void {
  if (message.type === 'template') return;
  const window = ctx.runtime.inbox.window(message.to, message.phoneNumberId ?? ctx.runtime.inbox.phoneNumberId);
  if (window.state !== 'closed') return;
  const since = window.expiresAt === null ? 'has never written to this number' : `last wrote more than 24 hours ago (window closed ${window.expiresAt})`;
  const hint =
    window.expiresAt === null
      ? 'The customer service window opens only when the customer writes to you: send an approved template message (whatsapp_send_template) to start the conversation.'
      : `${hintForMetaCode(131047)} Use whatsapp_send_template, or wait until the customer writes again.`;
  throw new PolicyDenied(
    'window_closed',
    `The customer ${message.to} ${since}, so a free-form ${message.type} message would fail with WhatsApp error 131047. Nothing was sent.`,
    hint,
    { metaCode: 131047 },
  );
}

interface SendSpec {
  name: string;
  title: string;
  types: readonly MessageType[];
  description: string;
  /** The provider the server runs with: descriptions say what it cannot send. */
  provider: ProviderName;
}

const INTERACTIVE_KINDS: readonly MessageKind[] = ['interactive.button', 'interactive.list', 'interactive.cta_url', 'interactive.location_request_message'];
const KIND_NAMES: Readonly<Partial<Record<MessageKind, string>>> = {
  'interactive.button': 'reply buttons',
  'interactive.list': 'list menus',
  'interactive.cta_url': 'call-to-action URL buttons',
  'interactive.location_request_message': 'location requests',
};

/** The message kinds a send tool covers (interactive messages by their own type). */
function kindsOf(types: readonly MessageType[]): MessageKind[] {
  return types.flatMap((type) => (type === 'interactive' ? [...INTERACTIVE_KINDS] : [type]));
}

/** What the provider cannot do among the tool's kinds, in a sentence (empty when it can do all). */
function providerLimits(kinds: readonly MessageKind[], provider: ProviderName): string {
  const support = PROVIDER_SUPPORT[provider];
  const missing = kinds.filter((kind) => !support.messageKinds.includes(kind));
  const supported = kinds.filter((kind) => support.messageKinds.includes(kind)).map((kind) => KIND_NAMES[kind] ?? kind);
  // A tool with nothing supported is not offered at all.
  if (supported.length === 0) return '';
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push(`With the ${support.label} only ${supported.join(', ')} can be sent (not ${missing.map((kind) => KIND_NAMES[kind] ?? kind).join(', ')}).`);
  }
  const media = kinds.some((kind) => ['image', 'video', 'audio', 'document', 'sticker'].includes(kind));
  if (media && !support.mediaById) parts.push(`The ${support.label} takes media by public https "link" only, not by uploaded media id.`);
  return parts.join(' ');
}

/**
 * A send tool for some message types of message.send: its schema is made from the matching
 * members of core's discriminated union (one member: `type` is implied; several: `type` picks
 * one), and core validates with those same members.
 */
export function sendTool(spec: SendSpec): ToolDefinition {
  const members = send.input.options.filter((member) => spec.types.includes(typeOf(member)));
  if (members.length !== spec.types.length) throw new Error(`${spec.name}: message.send has no member for one of ${spec.types.join(', ')}`);
  let docSchema: z.ZodType;
  let validate: z.ZodType;
  let prepare: ((args: Record<string, unknown>) => unknown) | undefined;
  if (members.length === 1) {
    const [member] = members;
    const type = typeOf(member);
    docSchema = (member as z.ZodObject).omit({ type: true });
    validate = member;
    prepare = (args) => ({ ...args, type });
  } else {
    const contentKeys = new Set<string>(spec.types);
    const envelope = Object.fromEntries(Object.entries(members[0].shape).filter(([key]) => key !== 'type' && !contentKeys.has(key)));
    const contents = Object.fromEntries(members.map((member) => [typeOf(member), (member.shape as Record<string, z.ZodType>)[typeOf(member)].optional()]));
    docSchema = z.strictObject({ ...envelope, type: z.enum(spec.types as [MessageType, ...MessageType[]]), ...contents });
    validate = z.discriminatedUnion('type', members as unknown as [Member, ...Member[]]);
  }
  if (spec.types.includes('template')) {
    // Body values of no accepted form are refused with a rule naming every form (core would name one).
    const inject = prepare ?? ((args: Record<string, unknown>) => args);
    const provider = spec.provider;
    prepare = (args) => {
      const prepared = inject(args);
      checkTemplateBodyForms(prepared, validate, provider);
      return prepared;
    };
  }
  const kinds = kindsOf(spec.types);
  const limits = providerLimits(kinds, spec.provider);
  const tool = bindOperation<SendMessageInput, SendMessageResult>(catalogue('message.send'), {
    name: spec.name,
    title: spec.title,
    description: `${spec.description} ${limits === '' ? '' : `${limits} `}${spec.types.includes('template') ? '' : `${WINDOW_RULE} `}${ACCEPTED_RULE}`,
    toolset: 'messaging',
    docs: SEND_DOCS,
    docSchema,
    validate,
    prepare,
    recipient: (message) => message.to,
    check: checkWindow,
    output: {
      schema: sendOutput,
      map: (result, message, ctx) => ({
        structured: {
          ...result,
          note: 'Accepted by WhatsApp, not yet delivered. Delivery, reading or failure arrive later: check whatsapp_get_conversation.',
          window: ctx.runtime.inbox.window(result.waId ?? message.to, message.phoneNumberId ?? ctx.runtime.inbox.phoneNumberId),
        },
      }),
    },
    auditResult: (result) => ({ messageId: result.messageId }),
    after: async (result, message, ctx) => {
      await ctx.runtime.inbox.recordOutbound({
        messageId: result.messageId,
        to: result.waId ?? message.to,
        type: message.type,
        summary: summarize(message),
        phoneNumberId: result.phoneNumberId ?? message.phoneNumberId ?? ctx.runtime.inbox.phoneNumberId,
        replyTo: message.replyTo ?? null,
      });
    },
  });
  const inputSchema = spec.types.includes('template') ? withTemplateBodyShorthands(tool.inputSchema) : tool.inputSchema;
  return { ...tool, inputSchema, messageKinds: kinds };
}

function templateHelp(provider: ProviderName): string {
  const support = PROVIDER_SUPPORT[provider];
  if (support.capabilities.includes('listTemplates')) return ' Find templates and their variables with whatsapp_list_templates / whatsapp_get_template.';
  if (provider === 'onprem') {
    return ' The template must be approved in WhatsApp Manager; the On-Premises API needs its namespace, taken from WHATSAPP_ONPREM_TEMPLATE_NAMESPACE.';
  }
  return ` The ${support.label} cannot list templates: use the exact name and language of an approved template.`;
}

export function messagingTools(provider: ProviderName): ToolDefinition[] {
  return [
    sendTool({
      provider,
      name: 'whatsapp_send_text',
      title: 'Send text message',
      types: ['text'],
      description: 'Sends a text message to a customer (use replyTo to answer a specific message).',
    }),
    sendTool({
      provider,
      name: 'whatsapp_send_media',
      title: 'Send image, video, audio, document or sticker',
      types: ['image', 'video', 'audio', 'document', 'sticker'],
      description:
        'Sends media by public link or by the id of media uploaded with whatsapp_upload_media. Set "type" and put the media object under the key of the same name, e.g. {"to": "447700900123", "type": "image", "image": {"link": "https://example.com/receipt.jpg", "caption": "Your receipt"}}.',
    }),
    sendTool({
      provider,
      name: 'whatsapp_send_template',
      title: 'Send template message',
      types: ['template'],
      description:
        `Sends an approved message template. This is the only way to message a customer outside the 24 h customer service window (for example to start a conversation).${templateHelp(provider)}`,
    }),
    sendTool({
      provider,
      name: 'whatsapp_send_interactive',
      title: 'Send interactive message',
      types: ['interactive'],
      description:
        'Sends reply buttons (up to 3), a list menu (up to 10 rows), a call-to-action URL button, or a location request. The customer\'s choice arrives as an inbound message in the inbox.',
    }),
    sendTool({
      provider,
      name: 'whatsapp_send_location',
      title: 'Send location',
      types: ['location'],
      description: 'Sends a map pin (latitude, longitude, optional name and address).',
    }),
    sendTool({
      provider,
      name: 'whatsapp_send_contacts',
      title: 'Send contact cards',
      types: ['contacts'],
      description: 'Sends one or more contact cards (name, phones, emails, addresses, organization, URLs).',
    }),
    sendTool({
      provider,
      name: 'whatsapp_react',
      title: 'React to a message',
      types: ['reaction'],
      description: 'Reacts with an emoji to a message in the chat, or removes your reaction with an empty emoji.',
    }),
    bindOperation<MarkReadInput, SuccessResult>(catalogue('message.markRead'), {
      name: 'whatsapp_mark_read',
      title: 'Mark message as read',
      description:
        'Marks a customer\'s message (and the earlier ones) as read, showing blue ticks; typingIndicator: true also shows "typing…" until you reply (up to 25 s). Use it when you start handling a message.',
      toolset: 'messaging',
      docs: { messageId: 'Id (wamid) of the inbound message to mark as read.', typingIndicator: 'Also show a typing indicator to the customer.' },
      // The customer who sent the message sees the ticks and the typing indicator.
      recipient: (input, ctx) => ctx.runtime.inbox.senderOf(input.messageId),
      // Ticks and a typing indicator are not messages: only the global limit counts them.
      countsAsMessage: false,
      after: async (_result, input, ctx) => {
        await ctx.runtime.inbox.recordRead(input.messageId, input.phoneNumberId ?? ctx.runtime.inbox.phoneNumberId);
      },
    }),
  ];
}
