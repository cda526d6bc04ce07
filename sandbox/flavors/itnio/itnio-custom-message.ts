import { isJsonObject, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import { refuse, UNKNOWN_MESSAGE_TYPE, WRONG_PARAMETER_TYPE } from './itnio-answer';
import { checkKeys, coordinate, optionalText, requireLink, requireObject, requireText } from './itnio-fields';

/** What /wa/custom/sendMsg takes (ITNIO: "custom" messages, Meta's free-form ones). */
export const CUSTOM_TYPES = ['text', 'image', 'audio', 'video', 'location', 'document', 'sticker', 'interactive', 'contacts'] as const;
type CustomType = (typeof CUSTOM_TYPES)[number];

const ENVELOPE_KEYS = ['appId', 'businessPhone', 'recipient', 'channelType', 'type', 'context'];

/** Empty-object and empty-link codes per media type, with the fields ITNIO documents for it. */
const MEDIA: Readonly<Record<'image' | 'audio' | 'video' | 'sticker' | 'document', { empty: number; emptyLink: number; keys: readonly string[] }>> = {
  image: { empty: -116, emptyLink: -117, keys: ['link', 'caption'] },
  audio: { empty: -118, emptyLink: -119, keys: ['link'] },
  video: { empty: -120, emptyLink: -121, keys: ['link', 'caption'] },
  sticker: { empty: -122, emptyLink: -123, keys: ['link'] },
  document: { empty: -124, emptyLink: -125, keys: ['link', 'filename', 'caption'] },
};

function isCustomType(value: string): value is CustomType {
  return (CUSTOM_TYPES as readonly string[]).includes(value);
}

/** `type` as given, or the one content object present (ITNIO's own location example has no type). */
function messageType(body: JsonObject): CustomType {
  if (body.type === undefined || body.type === null) {
    const present = CUSTOM_TYPES.filter((type) => body[type] !== undefined);
    if (present.length === 1) return present[0];
    refuse(UNKNOWN_MESSAGE_TYPE, 'type: unknown message type (type is missing)');
  }
  if (typeof body.type !== 'string' || !isCustomType(body.type)) {
    refuse(UNKNOWN_MESSAGE_TYPE, `type: unknown message type ${JSON.stringify(body.type)} (expected one of ${CUSTOM_TYPES.join(', ')})`);
  }
  return body.type;
}

function mediaContent(type: keyof typeof MEDIA, value: JsonValue | undefined): JsonObject {
  const rules = MEDIA[type];
  const media = requireObject(value, type, rules.empty);
  // The link first: media given by id (no link) is ITNIO's "link cannot be empty".
  const content: JsonObject = { link: requireLink(media.link, `${type}.link`, rules.emptyLink) };
  checkKeys(media, rules.keys, type);
  for (const key of rules.keys.filter((key) => key !== 'link')) {
    const text = optionalText(media[key], `${type}.${key}`);
    if (text !== undefined) content[key] = text;
  }
  return content;
}

/** ITNIO's example carries a `link` in the location too; Meta has no such field, so it is not passed on. */
function locationContent(value: JsonValue | undefined): JsonObject {
  const location = requireObject(value, 'location', -127);
  checkKeys(location, ['latitude', 'longitude', 'name', 'address', 'link'], 'location');
  const content: JsonObject = {
    longitude: coordinate(location.longitude, 'location.longitude', -128),
    latitude: coordinate(location.latitude, 'location.latitude', -129),
  };
  for (const key of ['name', 'address']) {
    const text = optionalText(location[key], `location.${key}`);
    if (text !== undefined) content[key] = text;
  }
  return content;
}

function content(type: CustomType, value: JsonValue | undefined): JsonValue | undefined {
  switch (type) {
    case 'text': {
      const text = requireObject(value, 'text', -114);
      checkKeys(text, ['body'], 'text');
      return { body: requireText(text.body, 'text.body', -115) };
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'sticker':
    case 'document':
      return mediaContent(type, value);
    case 'location':
      return locationContent(value);
    case 'interactive':
    case 'contacts':
      // Meta's objects, field for field: the Cloud validation that follows checks them.
      return value;
  }
}

/**
 * A /wa/custom/sendMsg body (envelope already checked) as the Cloud API message it stands for,
 * after ITNIO's own per-type checks (-114 to -133).
 */
export function customMessageToCloud(body: JsonObject, recipient: string): JsonObject {
  const type = messageType(body);
  checkKeys(body, [...ENVELOPE_KEYS, type], '');
  const cloud: JsonObject = { messaging_product: 'whatsapp', recipient_type: 'individual', to: recipient, type };
  const converted = content(type, body[type]);
  if (converted !== undefined) cloud[type] = converted;
  if (body.context !== undefined) {
    const context = body.context;
    if (!isJsonObject(context)) refuse(WRONG_PARAMETER_TYPE, 'context must be an object');
    checkKeys(context, ['refMessageId'], 'context');
    cloud.context = { message_id: requireText(context.refMessageId, 'context.refMessageId', WRONG_PARAMETER_TYPE) };
  }
  return cloud;
}
