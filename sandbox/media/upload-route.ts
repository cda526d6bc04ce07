import { isRejectedOggCodec, maxBytesFor, mediaKindOf, MEDIA_RULES } from 'whatsapp-business-core';
import { GraphError, invalidParameter, missingParameter } from '../graph/graph-error';
import type { GraphHandler } from '../graph/graph-request';
import { boundaryOf, MultipartError, parseMultipart, type MultipartPart } from '../http/multipart';

/** Largest request the upload route reads: the biggest media kind (documents) plus form overhead. */
export const MEDIA_BODY_LIMIT = MEDIA_RULES.document.maxBytes + 1024 * 1024;

/** POST /{phone-number-id}/media with multipart/form-data fields messaging_product, file and type (the MIME type). */
export const uploadMediaRoute: GraphHandler = (ctx, request) => {
  const boundary = boundaryOf(request.contentType);
  if (boundary === null) {
    throw invalidParameter('request body: must be multipart/form-data with a boundary (fields messaging_product, file, type)');
  }
  let parts: MultipartPart[];
  try {
    parts = parseMultipart(request.body, boundary);
  } catch (error) {
    if (error instanceof MultipartError) throw invalidParameter(`request body: ${error.message}`);
    throw error;
  }
  const field = (name: string): MultipartPart | undefined => parts.find((part) => part.name === name);
  const known = ['messaging_product', 'file', 'type'];
  const unknown = parts.find((part) => !known.includes(part.name));
  if (unknown !== undefined) throw invalidParameter(`${unknown.name}: unknown parameter`);

  const product = field('messaging_product');
  if (product === undefined) throw missingParameter('messaging_product: required parameter is missing');
  const productValue = textValue(product);
  if (productValue !== 'whatsapp') {
    throw invalidParameter(`messaging_product: unsupported value '${productValue}' (expected one of: whatsapp)`);
  }
  const file = field('file');
  if (file === undefined) throw missingParameter('file: required parameter is missing');
  // Meta documents `type` as required and reads the MIME type from it, not from the file part's
  // Content-Type; its own wording is kept for the details.
  const typePart = field('type');
  const mimeType = typePart === undefined ? '' : textValue(typePart);
  if (mimeType === '') throw missingParameter('The parameter type is required.');
  const kind = mediaKindOf(mimeType);
  if (kind === null || isRejectedOggCodec(mimeType)) {
    throw new GraphError(131053, `type: unsupported MIME type '${mimeType}'; WhatsApp accepts ${Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes).join(', ')} (audio/ogg with the opus codec only)`);
  }
  if (file.data.length === 0) throw new GraphError(131053, 'file: the file is empty');
  const limit = maxBytesFor(kind, file.data);
  if (file.data.length > limit) {
    throw new GraphError(131053, `file: ${file.data.length} bytes is larger than the ${limit}-byte limit for ${kind} (${mimeType})`);
  }
  const stored = ctx.state.media.add({
    phoneNumberId: ctx.config.phoneNumberId,
    mimeType,
    bytes: Buffer.from(file.data),
    filename: file.filename,
    nowMs: ctx.now(),
  });
  return { body: { id: stored.id } };
};

/** curl's `-F 'type="image/jpeg"'` (Meta's documented form) keeps the quotes; strip them. */
function textValue(part: MultipartPart): string {
  const value = part.data.toString('utf8').trim();
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
