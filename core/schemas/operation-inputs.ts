import { z } from 'zod';
import { BUSINESS_VERTICALS, LIMITS, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '../rules/limits';
import { baseMimeType, isRejectedOggCodec, MEDIA_RULES, maxBytesFor, mediaKindOf } from '../rules/media-types';
import { addIssue, boundedText, graphId, httpUrl, maxText, nonEmptyText, opaqueId } from '../validation/fields';
import { languageCode, templateName } from './template-fields';
import { checkTemplateDefinition, templateDefinitionComponents } from './template-definition';

const phoneNumberId = graphId.optional();
const wabaId = graphId.optional();

export const markReadInput = z.strictObject({
  phoneNumberId,
  /** Id (wamid) of the inbound message to mark as read (marks earlier messages read too). */
  messageId: opaqueId,
  /** Whether to show a typing indicator to the user (up to 25 s, or until you reply). */
  typingIndicator: z.boolean().optional(),
});

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be binary data (Uint8Array or Buffer)' });

export const mediaUploadInput = z
  .strictObject({
    phoneNumberId,
    data: bytes,
    mimeType: nonEmptyText,
    filename: nonEmptyText,
  })
  .superRefine((input, ctx) => {
    const kind = mediaKindOf(input.mimeType);
    if (kind === null) {
      const accepted = Object.values(MEDIA_RULES).flatMap((rule) => rule.mimeTypes).join(', ');
      addIssue(ctx, `"${baseMimeType(input.mimeType)}" is not a media type WhatsApp accepts (accepted: ${accepted})`, ['mimeType']);
      return;
    }
    if (isRejectedOggCodec(input.mimeType)) addIssue(ctx, 'audio/ogg is accepted only with the opus codec', ['mimeType']);
    if (input.data.byteLength === 0) addIssue(ctx, 'must not be empty', ['data']);
    const max = maxBytesFor(kind, input.data);
    if (input.data.byteLength > max) {
      addIssue(ctx, `at most ${max} bytes for ${kind} (got ${input.data.byteLength})`, ['data']);
    }
  });

export const mediaIdInput = z.strictObject({ phoneNumberId, mediaId: opaqueId });

export const templateListInput = z.strictObject({
  wabaId,
  /** Stop after this many templates; omit to fetch every page. */
  limit: z.number().int().min(1).optional(),
  /** Matches templates whose name contains this text. */
  name: z.string().optional(),
  status: z.enum(TEMPLATE_STATUSES).optional(),
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  language: languageCode.optional(),
});

export const templateGetInput = z
  .strictObject({
    wabaId,
    templateId: graphId.optional(),
    name: templateName.optional(),
    language: languageCode.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.templateId === undefined && input.name === undefined) addIssue(ctx, 'needs "templateId", or "name" (and optionally "language")');
    if (input.templateId !== undefined && (input.name !== undefined || input.language !== undefined)) {
      addIssue(ctx, 'give either "templateId" or "name"/"language", not both');
    }
  });

export const templateCreateInput = z.strictObject({
  wabaId,
  name: templateName,
  category: z.enum(TEMPLATE_CATEGORIES),
  language: languageCode,
  /** Meta's component list (HEADER, BODY, FOOTER, BUTTONS) with examples for every variable. */
  components: templateDefinitionComponents,
  /** Whether Meta may re-categorize the template instead of rejecting it. */
  allowCategoryChange: z.boolean().optional(),
}).superRefine((input, ctx) => checkTemplateDefinition(input, ctx));

export const templateDeleteInput = z.strictObject({
  wabaId,
  /** Deletes every language of this template name... */
  name: templateName,
  /** ...or, with the template id, only that one language version. */
  templateId: graphId.optional(),
});

export const phoneNumberListInput = z.strictObject({ wabaId });
export const phoneNumberGetInput = z.strictObject({ phoneNumberId });
export const businessProfileGetInput = z.strictObject({ phoneNumberId });

const profile = LIMITS.businessProfile;
export const businessProfileUpdateInput = z
  .strictObject({
    phoneNumberId,
    about: boundedText(profile.about.max).optional(),
    address: maxText(profile.address).optional(),
    description: maxText(profile.description).optional(),
    email: z
      .email({ error: 'must be an email address' })
      .max(profile.email, { error: (iss) => `at most ${profile.email} characters (got ${String(iss.input).length})` })
      .optional(),
    websites: z
      .array(httpUrl(profile.websites.length))
      .max(profile.websites.max, { error: (iss) => `at most ${profile.websites.max} websites (got ${(iss.input as unknown[]).length})` })
      .optional(),
    vertical: z.enum(BUSINESS_VERTICALS).optional(),
    /** Handle of a picture uploaded with Meta's Resumable Upload API. */
    profilePictureHandle: nonEmptyText.optional(),
  })
  .superRefine((input, ctx) => {
    const fields = Object.entries(input).filter(([name]) => name !== 'phoneNumberId');
    if (fields.every(([, value]) => value === undefined)) addIssue(ctx, 'give at least one profile field to update');
  });

export type MarkReadInput = z.output<typeof markReadInput>;
export type MediaUploadInput = z.output<typeof mediaUploadInput>;
export type MediaIdInput = z.output<typeof mediaIdInput>;
export type TemplateListInput = z.output<typeof templateListInput>;
export type TemplateGetInput = z.output<typeof templateGetInput>;
export type TemplateCreateInput = z.output<typeof templateCreateInput>;
export type TemplateDeleteInput = z.output<typeof templateDeleteInput>;
export type PhoneNumberListInput = z.output<typeof phoneNumberListInput>;
export type PhoneNumberGetInput = z.output<typeof phoneNumberGetInput>;
export type BusinessProfileGetInput = z.output<typeof businessProfileGetInput>;
export type BusinessProfileUpdateInput = z.output<typeof businessProfileUpdateInput>;
