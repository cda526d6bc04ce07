/**
 * Media MIME types and size limits per media kind (facts file §2.2, Meta's "Supported media types").
 * One table serves upload validation in core and the sandbox's server-side checks.
 */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

const MB = 1024 * 1024;
const KB = 1024;

export interface MediaKindRule {
  readonly mimeTypes: readonly string[];
  readonly maxBytes: number;
}

export const MEDIA_RULES: Readonly<Record<MediaKind, MediaKindRule>> = {
  audio: {
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16 * MB,
  },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.ms-excel',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * KB },
  video: { mimeTypes: ['video/mp4', 'video/3gp', 'video/3gpp'], maxBytes: 16 * MB },
};

/** Static stickers are capped lower than animated ones. */
export const STATIC_STICKER_MAX_BYTES = 100 * KB;

/** The bare MIME type, lower-cased, without parameters such as `; codecs=opus`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0].trim().toLowerCase();
}

/**
 * The usual file extension of each MIME type WhatsApp accepts or sends (it gives downloads no
 * file name), so that faces name saved files the same way.
 */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gp': '3gp',
  'video/3gpp': '3gp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** The file extension (without a dot) for a MIME type; `bin` for one WhatsApp does not use. */
export function extensionForMimeType(mimeType: string): string {
  return EXTENSIONS[baseMimeType(mimeType)] ?? 'bin';
}

/** A file name for downloaded media: the media id, made safe for file systems, plus its extension. */
export function mediaFileName(mediaId: string, mimeType: string): string {
  return `${mediaId.replace(/[^A-Za-z0-9._-]/g, '_')}.${extensionForMimeType(mimeType)}`;
}

/** Which media kind a MIME type belongs to, or null when WhatsApp does not accept it. */
export function mediaKindOf(mimeType: string): MediaKind | null {
  const base = baseMimeType(mimeType);
  for (const kind of Object.keys(MEDIA_RULES) as MediaKind[]) {
    if (MEDIA_RULES[kind].mimeTypes.includes(base)) return kind;
  }
  return null;
}

/**
 * audio/ogg is accepted only with the Opus codec. A bare `audio/ogg` is what browsers and n8n
 * usually report for .ogg files, so it is accepted here and the codec is left for Meta to check.
 */
export function isRejectedOggCodec(mimeType: string): boolean {
  const lower = mimeType.toLowerCase();
  if (baseMimeType(lower) !== 'audio/ogg') return false;
  const codecs = /codecs\s*=\s*"?([^";]+)"?/.exec(lower);
  return codecs !== null && !codecs[1].split(',').every((codec) => codec.trim() === 'opus');
}

/** WebP files with the animation flag (VP8X flags bit 1) or an ANIM chunk are animated. */
export function isAnimatedWebp(bytes: Uint8Array): boolean {
  const ascii = (offset: number, length: number): string =>
    String.fromCharCode(...bytes.subarray(offset, offset + length));
  if (bytes.length < 21 || ascii(0, 4) !== 'RIFF' || ascii(8, 4) !== 'WEBP') return false;
  if (ascii(12, 4) === 'VP8X' && (bytes[20] & 0x02) !== 0) return true;
  return ascii(12, Math.min(bytes.length - 12, 256)).includes('ANIM');
}

/** Largest accepted upload for these bytes of this kind (stickers depend on animation). */
export function maxBytesFor(kind: MediaKind, bytes: Uint8Array): number {
  if (kind === 'sticker' && !isAnimatedWebp(bytes)) return STATIC_STICKER_MAX_BYTES;
  return MEDIA_RULES[kind].maxBytes;
}
