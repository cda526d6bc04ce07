import { compact } from '../json';
import type { JsonObject } from '../json';

/** `{ id }` or `{ link }` plus whatever else the media object carries (caption, filename, voice). */
export function mediaToWire(media: { id?: string; link?: string; caption?: string; filename?: string; voice?: boolean }): JsonObject {
  return compact({ id: media.id, link: media.link, caption: media.caption, filename: media.filename, voice: media.voice });
}

type MediaHeader =
  | { type: 'image'; image: { id?: string; link?: string } }
  | { type: 'video'; video: { id?: string; link?: string } }
  | { type: 'document'; document: { id?: string; link?: string; filename?: string } };

/** An image, video or document header, in interactive messages and template parameters alike. */
export function mediaHeaderToWire(header: MediaHeader): JsonObject {
  switch (header.type) {
    case 'image':
      return { type: 'image', image: mediaToWire(header.image) };
    case 'video':
      return { type: 'video', video: mediaToWire(header.video) };
    case 'document':
      return { type: 'document', document: mediaToWire(header.document) };
  }
}
