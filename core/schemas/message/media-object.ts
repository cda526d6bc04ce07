import { z } from 'zod';
import { LIMITS } from '../../rules/limits';
import { addIssue, boundedText, httpUrl, nonEmptyText, opaqueId } from '../../validation/fields';

/** Media is sent either by a link Meta fetches or by the id of uploaded media: exactly one of them. */
function requireOneSource(value: { id?: string; link?: string }, ctx: z.RefinementCtx): void {
  if (value.id === undefined && value.link === undefined) addIssue(ctx, 'needs either "id" (uploaded media) or "link" (http(s) URL)');
  if (value.id !== undefined && value.link !== undefined) addIssue(ctx, 'give either "id" or "link", not both');
}

const source = { id: opaqueId.optional(), link: httpUrl().optional() };
const caption = boundedText(LIMITS.media.caption).optional();

export const imageObject = z.strictObject({ ...source, caption }).superRefine(requireOneSource);
export const videoObject = z.strictObject({ ...source, caption }).superRefine(requireOneSource);
export const documentObject = z
  .strictObject({ ...source, caption, filename: nonEmptyText.optional() })
  .superRefine(requireOneSource);
/** `voice: true` sends an Opus .ogg as a voice note (with waveform and transcription in the app). */
export const audioObject = z.strictObject({ ...source, voice: z.boolean().optional() }).superRefine(requireOneSource);
export const stickerObject = z.strictObject(source).superRefine(requireOneSource);

/** Media in headers (interactive and template) has no caption. */
export const headerMediaObject = z.strictObject(source).superRefine(requireOneSource);
export const headerDocumentObject = z
  .strictObject({ ...source, filename: nonEmptyText.optional() })
  .superRefine(requireOneSource);

export type ImageObject = z.output<typeof imageObject>;
export type VideoObject = z.output<typeof videoObject>;
export type DocumentObject = z.output<typeof documentObject>;
export type AudioObject = z.output<typeof audioObject>;
export type StickerObject = z.output<typeof stickerObject>;
export type HeaderMediaObject = z.output<typeof headerMediaObject>;
export type HeaderDocumentObject = z.output<typeof headerDocumentObject>;
