import { invalidParameter, unknownObject } from '../graph/graph-error';
import type { GraphHandler, GraphRequest } from '../graph/graph-request';
import type { SandboxContext } from '../runtime/context';
import type { StoredMedia } from './media-store';

/** GET /{media-id}: metadata plus a short-lived download URL on the sandbox itself. */
export const getMediaRoute: GraphHandler = (ctx, request) => {
  const media = ownedMedia(ctx, request);
  const { hash, expiresAtMs } = ctx.state.media.issueUrl(media.id, ctx.now());
  const url = new URL('/whatsapp_business/attachments/', ctx.baseUrl());
  url.searchParams.set('mid', media.id);
  url.searchParams.set('ext', String(Math.floor(expiresAtMs / 1000)));
  url.searchParams.set('hash', hash);
  return {
    body: {
      messaging_product: 'whatsapp',
      url: url.toString(),
      mime_type: media.mimeType,
      sha256: media.sha256Hex,
      file_size: media.bytes.length,
      id: media.id,
    },
  };
};

export const deleteMediaRoute: GraphHandler = (ctx, request) => {
  const media = ownedMedia(ctx, request);
  ctx.state.media.delete(media.id);
  return { body: { success: true } };
};

/** The optional phone_number_id query makes Meta check the media belongs to that number. */
function ownedMedia(ctx: SandboxContext, request: GraphRequest): StoredMedia {
  const media = ctx.state.media.get(request.objectId);
  if (media === undefined) throw unknownObject(request.method, request.objectId);
  const owner = request.query.get('phone_number_id');
  if (owner !== null && owner !== media.phoneNumberId) {
    throw invalidParameter(`phone_number_id: media '${media.id}' does not belong to phone number '${owner}'`);
  }
  return media;
}
