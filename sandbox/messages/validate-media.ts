import { LIMITS, mediaKindOf, type MediaKind } from 'whatsapp-business-core';
import { Field } from '../validation/field';
import type { SendDeps } from './send-deps';

/** Keys Meta accepts on a media object sent as a message of that type. */
const MESSAGE_MEDIA_KEYS: Record<MediaKind, readonly string[]> = {
  image: ['id', 'link', 'caption'],
  video: ['id', 'link', 'caption'],
  document: ['id', 'link', 'caption', 'filename'],
  audio: ['id', 'link', 'voice'],
  sticker: ['id', 'link'],
};

/** Media inside interactive headers and template parameters takes no caption. */
const EMBEDDED_MEDIA_KEYS: Record<'image' | 'video' | 'document', readonly string[]> = {
  image: ['id', 'link'],
  video: ['id', 'link'],
  document: ['id', 'link', 'filename'],
};

export function validateMediaMessage(field: Field, kind: MediaKind, deps: SendDeps): void {
  field.object(MESSAGE_MEDIA_KEYS[kind]);
  checkSource(field, kind, deps);
  field.child('caption').optionalString({ max: LIMITS.media.caption });
  field.child('filename').optionalString({ min: 1 });
  field.child('voice').optionalBoolean();
}

export function validateEmbeddedMedia(field: Field, kind: 'image' | 'video' | 'document', deps: SendDeps): void {
  field.object(EMBEDDED_MEDIA_KEYS[kind]);
  checkSource(field, kind, deps);
  field.child('filename').optionalString({ min: 1 });
}

/** Exactly one of `id` (media uploaded to this sandbox, of the right kind) or `link` (never fetched). */
function checkSource(field: Field, kind: MediaKind, deps: SendDeps): void {
  const id = field.child('id');
  const link = field.child('link');
  if (id.isPresent && link.isPresent) field.invalid('use either id or link, not both');
  if (!id.isPresent && !link.isPresent) field.missing('id or link is required');
  if (link.isPresent) {
    link.httpUrl();
    return;
  }
  const mediaId = id.string({ min: 1 });
  const media = deps.media.get(mediaId);
  if (media === undefined || media.phoneNumberId !== deps.phoneNumberId) {
    return id.invalid(`no media with id '${mediaId}' on this phone number (upload it with POST /{phone-number-id}/media first)`);
  }
  const actual = mediaKindOf(media.mimeType);
  if (actual !== kind) {
    id.invalid(`media '${mediaId}' is ${media.mimeType}, which is not a valid ${kind}`);
  }
}
