import type { MediaKind } from 'whatsapp-business-core';

export interface Placeholder {
  mimeType: string;
  bytes: Buffer;
}

/** A 1x1 transparent PNG; also served as the business profile picture. */
export const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** A 1x1 lossless WebP (static, so it is held to the 100 KB static-sticker limit). */
const PLACEHOLDER_WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');

/**
 * Content for simulated inbound media sent without data: small, deterministic, and starting with
 * the right file signature so type sniffers on the client side agree with the MIME type.
 */
export function placeholderMedia(kind: MediaKind): Placeholder {
  switch (kind) {
    case 'image':
      return { mimeType: 'image/png', bytes: PLACEHOLDER_PNG };
    case 'sticker':
      return { mimeType: 'image/webp', bytes: PLACEHOLDER_WEBP };
    case 'video':
      return { mimeType: 'video/mp4', bytes: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isommp42', 'latin1')]) };
    case 'audio':
      return { mimeType: 'audio/ogg; codecs=opus', bytes: Buffer.from('OggS\0\x02sandbox voice note placeholder', 'latin1') };
    case 'document':
      return { mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n% WhatsApp Sandbox placeholder\n%%EOF\n', 'latin1') };
  }
}
