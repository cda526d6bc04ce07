import { LIMITS, type JsonObject } from 'whatsapp-business-core';
import { updateProfile } from '../../account/business-profile';
import type { SandboxContext } from '../../runtime/context';
import { Field } from '../../validation/field';
import { jsonField } from '../../validation/json-field';
import { withOnPremErrors } from './onprem-error';

const BUSINESS_FIELDS = ['address', 'description', 'email', 'vertical', 'websites'];

/** GET /v1/settings/business/profile: the Cloud flavor's profile, nested as settings.business.profile. */
export function getOnPremBusinessProfile(ctx: SandboxContext): JsonObject {
  const { address, description, email, vertical, websites } = ctx.state.profile;
  return { settings: { business: { profile: { address, description, email, vertical, websites } } } };
}

/**
 * POST /v1/settings/business/profile with all five fields, as the client's reference requires. The
 * Cloud flavor's limits apply (vertical from Meta's list of business categories).
 */
export function setOnPremBusinessProfile(ctx: SandboxContext, body: Buffer): JsonObject {
  withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    const value = root.object(BUSINESS_FIELDS);
    for (const field of BUSINESS_FIELDS) if (!root.child(field).isPresent) root.child(field).missing('required parameter is missing (send all five profile fields)');
    // The Cloud flavor's rules, which expect Cloud's messaging_product.
    ctx.state.profile = updateProfile(ctx.state.profile, new Field('', { ...value, messaging_product: 'whatsapp' }));
  });
  return {};
}

export function getOnPremAbout(ctx: SandboxContext): JsonObject {
  return { settings: { profile: { about: { text: ctx.state.profile.about } } } };
}

/** PATCH /v1/settings/profile/about {"text"}: the same About text the Cloud flavor's profile has. */
export function setOnPremAbout(ctx: SandboxContext, body: Buffer): JsonObject {
  withOnPremErrors(() => {
    const root = jsonField(body, 'request body');
    root.object(['text']);
    const text = root.child('text').string(LIMITS.businessProfile.about);
    ctx.state.profile = { ...ctx.state.profile, about: text };
  });
  return {};
}
