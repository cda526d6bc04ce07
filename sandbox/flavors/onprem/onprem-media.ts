import { isRejectedOggCodec, maxBytesFor, MEDIA_RULES, mediaKindOf, type JsonObject } from 'whatsapp-business-core';
import type { StoredMedia } from '../../media/media-store';
import type { SandboxContext } from '../../runtime/context';
import { OnPremError } from './onprem-error';
import { onPremState } from './onprem-state';

/**
 * POST /v1/media: the file itself as the body, its MIME type as Content-Type (no multipart, no
 * filename). The same type and size rules as the Cloud upload; the id is a UUID.
 */
export function uploadOnPremMedia(ctx: SandboxContext, contentType: string | undefined, body: Buffer): JsonObject {
  const mimeType = contentType?.trim() ?? '';
  if (mimeType === '') throw new OnPremError(1008, 'Content-Type: required (the MIME type of the file in the body, e.g. image/jpeg)');
  const kind = mediaKindOf(mimeType);
  if (kind === null || isRejectedOggCodec(mimeType)) {
    const accepted = Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes).join(', ');
    throw new OnPremError(1009, `Content-Type: unsupported MIME type '${mimeType}'; WhatsApp accepts ${accepted} (audio/ogg with the opus codec only)`);
  }
  if (body.length === 0) throw new OnPremError(1008, 'request body: the file is empty');
  const limit = maxBytesFor(kind, body);
  if (body.length > limit) throw new OnPremError(1009, `request body: ${body.length} bytes is larger than the ${limit}-byte limit for ${kind} (${mimeType})`, 413);
  const stored = ctx.state.media.add({ phoneNumberId: ctx.config.phoneNumberId, mimeType, bytes: Buffer.from(body), filename: null, nowMs: ctx.now() });
  return { media: [{ id: onPremState(ctx).mediaUuid(stored.id) }] };
}

/** The media behind a UUID this client issued, or 1006. */
export function onPremMedia(ctx: SandboxContext, uuid: string): StoredMedia {
  const id = onPremState(ctx).storeId(uuid);
  const media = id === undefined ? undefined : ctx.state.media.get(id);
  if (media === undefined) throw new OnPremError(1006, `media/${uuid}: no media with this id on this client`, 404);
  return media;
}

export function deleteOnPremMedia(ctx: SandboxContext, uuid: string): JsonObject {
  ctx.state.media.delete(onPremMedia(ctx, uuid).id);
  return {};
}
