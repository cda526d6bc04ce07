import { selectFields } from '../graph/fields-param';
import type { GraphHandler } from '../graph/graph-request';
import type { JsonObject } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { healthStatus } from './health-status';

/**
 * Phone number fields: the sandbox's long-standing ones plus those Meta's v23.0 OpenAPI lists
 * (schemas WhatsAppAccountNumber and WhatsAppBusinessAccountPhoneNumber) and health_status.
 */
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
  'country_code',
  'country_dial_code',
  'unified_cert_status',
  'host_platform',
  'certificate',
  'username',
  'health_status',
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
    country_code: 'US',
    country_dial_code: '1',
    unified_cert_status: 'APPROVED',
    host_platform: 'CLOUD_API',
    // Meta hands out a base64 certificate for On-Premises registration; this one only looks like it.
    certificate: Buffer.from(`sandbox-certificate:${ctx.config.phoneNumberId}`).toString('base64'),
    username: null,
    health_status: healthStatus(ctx),
  };
}

/** Without `fields` the answer keeps the fields it always had; the others are asked for by name. */
const DEFAULT_FIELDS = PHONE_FIELDS.slice(0, PHONE_FIELDS.indexOf('is_official_business_account') + 1).join(',');

function phoneNumberFields(ctx: SandboxContext, fields: string | null): JsonObject {
  const requested = fields === null || fields.trim() === '' ? DEFAULT_FIELDS : fields;
  return selectFields(phoneNumberObject(ctx), requested, PHONE_FIELDS);
}

/** GET /{phone-number-id}. */
export const getPhoneNumberRoute: GraphHandler = (ctx, request) => ({ body: phoneNumberFields(ctx, request.query.get('fields')) });

/** GET /{waba-id}/phone_numbers: the sandbox has exactly one number. */
export const listPhoneNumbersRoute: GraphHandler = (ctx, request) => {
  const cursor = Buffer.from(`phone:${ctx.config.phoneNumberId}`).toString('base64url');
  return {
    body: {
      data: [phoneNumberFields(ctx, request.query.get('fields'))],
      paging: { cursors: { before: cursor, after: cursor } },
    },
  };
};
