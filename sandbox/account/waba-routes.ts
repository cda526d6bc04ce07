import { createHash } from 'node:crypto';
import { selectFields } from '../graph/fields-param';
import type { GraphHandler } from '../graph/graph-request';

const WABA_FIELDS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace'];

/** GET /{waba-id}. The namespace is derived from the id so it is stable across restarts. */
export const getWabaRoute: GraphHandler = (ctx, request) => {
  const hex = createHash('sha256').update(`namespace:${ctx.config.wabaId}`).digest('hex');
  const namespace = `${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 16)}_${hex.slice(16, 20)}_${hex.slice(20, 32)}`;
  const waba = {
    id: ctx.config.wabaId,
    name: `${ctx.config.verifiedName} WABA`,
    currency: 'USD',
    timezone_id: '1',
    message_template_namespace: namespace,
  };
  return { body: selectFields(waba, request.query.get('fields'), WABA_FIELDS) };
};
