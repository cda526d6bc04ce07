import { createHash } from 'node:crypto';
import type { JsonObject } from 'whatsapp-business-core';
import { selectFields } from '../graph/fields-param';
import type { GraphHandler } from '../graph/graph-request';
import type { SandboxContext } from '../runtime/context';
import { healthStatus } from './health-status';

/**
 * Fields of the WABA in Meta's v23.0 OpenAPI (schemas WhatsAppBusinessAccount and
 * WhatsAppBusinessAccount_3) that describe the account itself, plus health_status from Meta's
 * health-status guide. Edges that are lists of other objects (message_templates, phone_numbers,
 * subscribed_apps, schedules, audiences) have their own routes or nothing to simulate.
 */
const WABA_FIELDS = [
  'id',
  'name',
  'currency',
  'timezone_id',
  'message_template_namespace',
  'account_review_status',
  'business_verification_status',
  'country',
  'ownership_type',
  'primary_business_location',
  'purchase_order_number',
  'is_enabled_for_insights',
  'health_status',
];

/** Without `fields`, Graph answers the defaults, as the sandbox always has. */
const DEFAULT_FIELDS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace'];

function wabaObject(ctx: SandboxContext): JsonObject {
  // Derived from the id so it is stable across restarts.
  const hex = createHash('sha256').update(`namespace:${ctx.config.wabaId}`).digest('hex');
  const namespace = `${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 16)}_${hex.slice(16, 20)}_${hex.slice(20, 32)}`;
  return {
    id: ctx.config.wabaId,
    name: `${ctx.config.verifiedName} WABA`,
    currency: 'USD',
    timezone_id: '1',
    message_template_namespace: namespace,
    account_review_status: 'APPROVED',
    business_verification_status: 'VERIFIED',
    country: 'US',
    ownership_type: 'SELF_OWNED',
    primary_business_location: 'US',
    purchase_order_number: '',
    is_enabled_for_insights: true,
    health_status: healthStatus(ctx),
  };
}

/** GET /{waba-id}. */
export const getWabaRoute: GraphHandler = (ctx, request) => {
  const waba = wabaObject(ctx);
  const fields = request.query.get('fields');
  if (fields === null || fields.trim() === '') return { body: selectFields(waba, DEFAULT_FIELDS.join(','), WABA_FIELDS) };
  return { body: selectFields(waba, fields, WABA_FIELDS) };
};
