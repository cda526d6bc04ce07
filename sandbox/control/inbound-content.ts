import { baseMimeType, maxBytesFor, MEDIA_RULES, mediaKindOf, type JsonObject, type MediaKind } from 'whatsapp-business-core';
import { createHash } from 'node:crypto';
import { validateCard } from '../messages/validate-contacts';
import { validateCoordinates } from '../messages/validate-location';
import type { SandboxContext } from '../runtime/context';
import { Field } from '../validation/field';
import { placeholderMedia } from '../media/placeholder-media';
import { isOneEmoji } from '../validation/single-emoji';

export const INBOUND_TYPES = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

export interface InboundContent {
  /** The `<type>` object of the webhook message. */
  object: JsonObject | JsonObject[];
  mediaId?: string;
}

/** Turns the control API's friendly content fields into the object Meta's webhook carries. */
export function inboundContent(ctx: SandboxContext, type: InboundType, field: Field): InboundContent {
  switch (type) {
    case 'text':
      return { object: { body: field.string({ min: 1, max: 4096 }) } };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return inboundMedia(ctx, type, field);
    case 'location': {
      field.object(['latitude', 'longitude', 'name', 'address']);
      validateCoordinates(field);
      const object: JsonObject = {
        latitude: Number(field.child('latitude').value),
        longitude: Number(field.child('longitude').value),
      };
      for (const key of ['name', 'address']) {
        const value = field.child(key).optionalString();
        if (value !== undefined) object[key] = value;
      }
      return { object };
    }
    case 'contacts': {
      const cards = field.array({ min: 1, noun: 'contact cards' });
      cards.forEach(validateCard);
      return { object: cards.map((card) => card.object()) };
    }
    case 'interactive':
      return { object: inboundInteractive(field) };
    case 'button': {
      field.object(['text', 'payload']);
      const text = field.child('text').string({ min: 1 });
      return { object: { payload: field.child('payload').optionalString() ?? text, text } };
    }
    case 'reaction': {
      field.object(['messageId', 'emoji']);
      const object: JsonObject = { message_id: field.child('messageId').string({ min: 1 }) };
      const emoji = field.child('emoji').string();
      if (emoji !== '' && !isOneEmoji(emoji)) field.child('emoji').invalid('must be a single emoji, or "" for a removed reaction');
      // Meta leaves emoji out when the user removed a reaction.
      if (emoji !== '') object.emoji = emoji;
      return { object };
    }
  }
}

function inboundInteractive(field: Field): JsonObject {
  field.object(['type', 'id', 'title', 'description']);
  const type = field.child('type').oneOf(['button_reply', 'list_reply'] as const);
  const reply: JsonObject = { id: field.child('id').string({ min: 1 }), title: field.child('title').string({ min: 1 }) };
  const description = field.child('description');
  if (description.isPresent && type === 'button_reply') description.unsupported('only list_reply has a description');
  const text = description.optionalString();
  if (text !== undefined) reply.description = text;
  return { type, [type]: reply };
}

const MEDIA_KEYS: Record<MediaKind, readonly string[]> = {
  image: ['data', 'mimeType', 'caption'],
  video: ['data', 'mimeType', 'caption'],
  document: ['data', 'mimeType', 'caption', 'filename'],
  audio: ['data', 'mimeType'],
  sticker: ['data', 'mimeType'],
};

/** Stores the customer's media in the sandbox so the client can GET and download it like real media. */
function inboundMedia(ctx: SandboxContext, kind: MediaKind, field: Field): InboundContent {
  if (field.isPresent) field.object(MEDIA_KEYS[kind]);
  const placeholder = placeholderMedia(kind);
  const mimeField = field.child('mimeType');
  const mimeType = mimeField.optionalString({ min: 1 }) ?? placeholder.mimeType;
  if (mediaKindOf(mimeType) !== kind) mimeField.invalid(`'${mimeType}' is not a MIME type for ${kind} (${MEDIA_RULES[kind].mimeTypes.join(', ')})`);
  const dataField = field.child('data');
  const data = dataField.optionalString();
  let bytes = placeholder.bytes;
  if (data !== undefined) {
    const compact = data.replace(/\s/g, '');
    if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) dataField.invalid('must be non-empty base64');
    bytes = Buffer.from(compact, 'base64');
  }
  const limit = maxBytesFor(kind, bytes);
  if (bytes.length > limit) dataField.invalid(`${bytes.length} bytes is larger than the ${limit}-byte limit for ${kind}`);
  const filename = field.child('filename').optionalString({ min: 1 });
  const stored = ctx.state.media.add({
    phoneNumberId: ctx.config.phoneNumberId,
    mimeType,
    bytes,
    filename: filename ?? null,
    nowMs: ctx.now(),
  });
  const object: JsonObject = {
    mime_type: mimeType,
    // Inbound webhooks carry the hash in base64; GET /{media-id} reports it in hex.
    sha256: createHash('sha256').update(bytes).digest('base64'),
    id: stored.id,
  };
  const caption = field.child('caption').optionalString();
  if (caption !== undefined) object.caption = caption;
  if (filename !== undefined) object.filename = filename;
  if (kind === 'audio') object.voice = baseMimeType(mimeType) === 'audio/ogg';
  if (kind === 'sticker') object.animated = maxBytesFor('sticker', bytes) === MEDIA_RULES.sticker.maxBytes;
  return { object, mediaId: stored.id };
}
