import { GraphError, invalidToken } from '../graph/graph-error';
import { isAuthorized } from '../graph/auth';
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../runtime/context';

export const ATTACHMENTS_PATH = '/whatsapp_business/attachments/';

export interface BinaryResult {
  contentType: string;
  bytes: Buffer;
}

/**
 * GET <url>/whatsapp_business/attachments/?mid=&ext=&hash=: the URL from GET /{media-id}. Like
 * Meta's lookaside URLs it only works with the bearer token and for five minutes.
 */
export function downloadMedia(ctx: SandboxContext, headers: IncomingHttpHeaders, query: URLSearchParams): BinaryResult {
  if (!isAuthorized(headers, query, ctx.config.token)) throw invalidToken();
  const mediaId = query.get('mid') ?? '';
  const hash = query.get('hash') ?? '';
  const resolved = ctx.state.media.resolveUrl(mediaId, hash, ctx.now());
  if (resolved === 'unknown') {
    throw new GraphError(100, 'url: this media URL is unknown or its media was deleted; call GET /{media-id} for a fresh one', { httpStatus: 404 });
  }
  if (resolved === 'expired') {
    throw new GraphError(100, 'url: this media URL expired (they are valid for 5 minutes); call GET /{media-id} for a fresh one', { httpStatus: 404 });
  }
  return { contentType: resolved.mimeType, bytes: resolved.bytes };
}
