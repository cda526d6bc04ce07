export const RECIPIENT = '16505551234';
export const REPLY_TO = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=';

/** Placeholders in Meta's examples and the concrete values that stand in for them. */
export function substitutePlaceholders(value: unknown, replacements: Record<string, string>): unknown {
  if (typeof value === 'string') {
    if (value in replacements) return replacements[value];
    const link = /^<?http\(s\):\/\/([a-z-]+)>?$/.exec(value);
    if (link !== null) return `https://example.com/media/${link[1]}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => substitutePlaceholders(item, replacements));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitutePlaceholders(item, replacements)]));
  }
  return value;
}

const CONTENT_KEYS = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template', 'reaction'];

/**
 * Meta's documented defaults, filled in so that equal messages compare equal: recipient_type
 * defaults to individual, a missing type is the type of the content present, button indexes are
 * strings or numbers, and `to` may carry a leading +.
 */
export function canonicalize(payload: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(payload));
  copy.recipient_type ??= 'individual';
  copy.type ??= CONTENT_KEYS.find((key) => key in copy) ?? 'text';
  if (typeof copy.to === 'string') copy.to = copy.to.replace(/^\+/, '');
  const template = copy.template as { components?: { index?: unknown }[] } | undefined;
  template?.components?.forEach((component) => {
    if (component.index !== undefined) component.index = String(component.index);
  });
  return copy;
}
