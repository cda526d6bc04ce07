import { createHash } from 'node:crypto';
import { selectFields } from '../graph/fields-param';
import { jsonBody, type GraphHandler } from '../graph/graph-request';
import type { SandboxContext } from '../runtime/context';
import { PROFILE_FIELDS, profileObject, updateProfile } from './business-profile';

export const PROFILE_PICTURE_PATH = '/whatsapp_business/profile_picture/';

/** GET /{phone-number-id}/whatsapp_business_profile[?fields=...]. */
export const getBusinessProfileRoute: GraphHandler = (ctx, request) => {
  const profile = profileObject(ctx.state.profile, pictureUrl(ctx));
  return {
    body: { data: [selectFields(profile, request.query.get('fields'), PROFILE_FIELDS, ['messaging_product'])] },
  };
};

export const updateBusinessProfileRoute: GraphHandler = (ctx, request) => {
  ctx.state.profile = updateProfile(ctx.state.profile, jsonBody(request));
  return { body: { success: true } };
};

/** Served by the sandbox (a placeholder image), like Meta's pps.whatsapp.net picture URLs. */
function pictureUrl(ctx: SandboxContext): string | null {
  const handle = ctx.state.profile.profilePictureHandle;
  if (handle === null) return null;
  const url = new URL(PROFILE_PICTURE_PATH, ctx.baseUrl());
  url.searchParams.set('h', createHash('sha256').update(handle).digest('hex').slice(0, 16));
  return url.toString();
}
