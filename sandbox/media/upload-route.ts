import { isRejectedOggCodec, maxBytesFor, mediaKindOf, MEDIA_RULES } from 'whatsapp-business-core';
import { GraphError, invalidParameter, missingParameter } from '../graph/graph-error';
import type { GraphHandler } from '../graph/graph-request';
import { boundaryOf, MultipartError, parseMultipart, type MultipartPart } from '../http/multipart';

/** Largest request the upload route reads: the biggest media kind (documents) plus form overhead. */
export const MEDIA_BODY_LIMIT = MEDIA_RULES.document.maxBytes + 1024 * 1024;

/**
 * POST /{phone-number-id}/media, multipart/form-data. Meta's two documents differ and clients follow
 * either: the media guide sends `file`, `type` (the MIME type) and `messaging_product`; the OpenAPI
 * description sends only `file` (its part's Content-Type is the MIME type) and `messaging_product`.
 * Some SDKs put `messaging_product` in the query string. All of these are accepted; a `type` field,
 * when given, decides the MIME type.
 */
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

  checkMessagingProduct(field('messaging_product'), request.query.get('messaging_product'));
  const file = field('file');
  if (file === undefined) throw missingParameter('file: required parameter is missing');
  const mimeType = uploadMimeType(field('type'), file);
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

/** `messaging_product=whatsapp` as a form field, in the query string, or both (then both must say whatsapp). */
function checkMessagingProduct(part: MultipartPart | undefined, query: string | null): void {
  const values = [part === undefined ? null : textValue(part), query].filter((value) => value !== null);
  if (values.length === 0) throw missingParameter('messaging_product: required parameter is missing (a form field or a query parameter)');
  const wrong = values.find((value) => value !== 'whatsapp');
  if (wrong !== undefined) throw invalidParameter(`messaging_product: unsupported value '${wrong}' (expected one of: whatsapp)`);
}

/**
 * The `type` field, else the file part's own Content-Type. `application/octet-stream` is what
 * clients send when they do not know the type, so it does not count as naming one.
 */
function uploadMimeType(typePart: MultipartPart | undefined, file: MultipartPart): string {
  const typeField = typePart === undefined ? '' : textValue(typePart);
  if (typeField !== '') return typeField;
  const partType = file.contentType?.trim() ?? '';
  if (partType !== '' && partType.toLowerCase() !== 'application/octet-stream') return partType;
  throw missingParameter('type: the MIME type is missing: send a type field (e.g. image/jpeg) or give the file part its Content-Type');
}

/** curl's `-F 'type="image/jpeg"'` (Meta's documented form) keeps the quotes; strip them. */
function textValue(part: MultipartPart): string {
  const value = part.data.toString('utf8').trim();
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
