import { createHash } from 'node:crypto';
import { newNumericId, randomHash } from '../runtime/ids';

export interface StoredMedia {
  id: string;
  phoneNumberId: string;
  /** As uploaded, parameters included (e.g. `audio/ogg; codecs=opus`). */
  mimeType: string;
  bytes: Buffer;
  sha256Hex: string;
  filename: string | null;
  createdAt: number;
}

interface IssuedUrl {
  mediaId: string;
  expiresAtMs: number;
}

/** Media URLs handed out by GET /{media-id} live five minutes, like Meta's lookaside URLs. */
const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

export class MediaStore {
  private readonly media = new Map<string, StoredMedia>();
  private readonly urls = new Map<string, IssuedUrl>();

  add(input: { phoneNumberId: string; mimeType: string; bytes: Buffer; filename: string | null; nowMs: number }): StoredMedia {
    let id = newNumericId();
    while (this.media.has(id)) id = newNumericId();
    const stored: StoredMedia = {
      id,
      phoneNumberId: input.phoneNumberId,
      mimeType: input.mimeType,
      bytes: input.bytes,
      sha256Hex: createHash('sha256').update(input.bytes).digest('hex'),
      filename: input.filename,
      createdAt: input.nowMs,
    };
    this.media.set(id, stored);
    return stored;
  }

  get(id: string): StoredMedia | undefined {
    return this.media.get(id);
  }

  delete(id: string): boolean {
    for (const [hash, issued] of this.urls) if (issued.mediaId === id) this.urls.delete(hash);
    return this.media.delete(id);
  }

  /** A fresh download handle; the URL embeds it so a guessed URL cannot fetch media. */
  issueUrl(mediaId: string, nowMs: number): { hash: string; expiresAtMs: number } {
    const hash = randomHash();
    const expiresAtMs = nowMs + MEDIA_URL_TTL_MS;
    this.urls.set(hash, { mediaId, expiresAtMs });
    return { hash, expiresAtMs };
  }

  /** The media behind a download URL, or why the URL does not work. */
  resolveUrl(mediaId: string, hash: string, nowMs: number): StoredMedia | 'unknown' | 'expired' {
    const issued = this.urls.get(hash);
    const media = this.media.get(mediaId);
    if (issued === undefined || issued.mediaId !== mediaId || media === undefined) return 'unknown';
    if (nowMs > issued.expiresAtMs) {
      this.urls.delete(hash);
      return 'expired';
    }
    return media;
  }

  clear(): void {
    this.media.clear();
    this.urls.clear();
  }
}
