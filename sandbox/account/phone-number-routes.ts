import { selectFields } from '../graph/fields-param';
import type { GraphHandler } from '../graph/graph-request';
import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';

const PHONE_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'platform_type',
  'throughput',
  'name_status',
  'messaging_limit_tier',
  'status',
  'account_mode',
  'is_official_business_account',
];

function phoneNumberObject(ctx: SandboxContext): JsonObject {
  return {
    id: ctx.config.phoneNumberId,
    display_phone_number: ctx.config.displayPhoneNumber,
    verified_name: ctx.config.verifiedName,
    quality_rating: 'GREEN',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    name_status: 'APPROVED',
    messaging_limit_tier: 'TIER_1K',
    status: 'CONNECTED',
    account_mode: 'SANDBOX',
    is_official_business_account: false,
  };
}

/** GET /{phone-number-id}. */
export const getPhoneNumberRoute: GraphHandler = (ctx, request) => ({
  body: selectFields(phoneNumberObject(ctx), request.query.get('fields'), PHONE_FIELDS),
});

/** GET /{waba-id}/phone_numbers: the sandbox has exactly one number. */
export const listPhoneNumbersRoute: GraphHandler = (ctx, request) => {
  const cursor = Buffer.from(`phone:${ctx.config.phoneNumberId}`).toString('base64url');
  return {
    body: {
      data: [selectFields(phoneNumberObject(ctx), request.query.get('fields'), PHONE_FIELDS)],
      paging: { cursors: { before: cursor, after: cursor } },
    },
  };
};
