import { compact } from '../json';
import type { JsonObject } from '../json';

/** `{ id }` or `{ link }` plus whatever else the media object carries (caption, filename, voice). */
export function mediaToWire(media: { id?: string; link?: string; caption?: string; filename?: string; voice?: boolean }): JsonObject {
  return compact({ id: media.id, link: media.link, caption: media.caption, filename: media.filename, voice: media.voice });
}
