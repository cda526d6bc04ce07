import { normalizePhoneNumber, TEMPLATE_STATUSES, withoutTrailingSlashes, type JsonObject, type JsonValue } from 'whatsapp-business-core';
import { GraphError } from '../graph/graph-error';
import type { SandboxContext } from '../runtime/context';
import { onPremState } from '../flavors/onprem/onprem-state';
import { resetSandbox } from '../runtime/reset';
import { setTemplateStatus } from '../templates/template-status';
import type { Field } from '../validation/field';
import { jsonField } from '../validation/json-field';
import { decodeSegment } from '../http/request-path';
import { simulateInbound } from './simulate-inbound';

export interface ControlResult {
  status: number;
  body: JsonValue;
}

/** Control API errors are plain `{"error":{"message":"<field>: <rule>"}}`, not Graph envelopes. */
function failure(status: number, message: string): ControlResult {
  return { status, body: { error: { message } } };
}

/** Routes under /_sandbox/; no token, JSON in and out. */
export function routeControl(ctx: SandboxContext, method: string, pathname: string, query: URLSearchParams, body: Buffer): ControlResult {
  try {
    return dispatch(ctx, method, pathname, query, body);
  } catch (error) {
    if (error instanceof GraphError) return failure(400, error.details);
    throw error;
  }
}

function dispatch(ctx: SandboxContext, method: string, pathname: string, query: URLSearchParams, body: Buffer): ControlResult {
  const route = `${method} ${withoutTrailingSlashes(pathname)}`;
  if (route === 'POST /_sandbox/inbound') return { status: 200, body: simulateInbound(ctx, jsonField(body, 'body')) };
  if (route === 'GET /_sandbox/messages') return listMessages(ctx, query);
  if (route === 'GET /_sandbox/webhooks') return { status: 200, body: { data: webhookLog(ctx) } };
  if (route === 'POST /_sandbox/reset') {
    resetSandbox(ctx);
    if (ctx.config.flavor === 'onprem') onPremState(ctx).reset();
    return { status: 200, body: { success: true } };
  }
  const templateStatus = /^POST \/_sandbox\/templates\/([^/]+)\/status$/.exec(route);
  if (templateStatus !== null) {
    const id = decodeSegment(templateStatus[1]);
    if (id === null) return failure(400, `templates/${templateStatus[1]}: the template id is not valid percent-encoding`);
    return changeTemplateStatus(ctx, id, jsonField(body, 'body'));
  }
  return failure(404, `no control route ${method} ${pathname} (see GET/POST /_sandbox/inbound, messages, webhooks, templates/{id}/status, reset)`);
}

function listMessages(ctx: SandboxContext, query: URLSearchParams): ControlResult {
  const to = query.get('to');
  let digits: string | undefined;
  if (to !== null) {
    const normalized = normalizePhoneNumber(to);
    if (!normalized.ok) return failure(400, `to: ${normalized.reason}`);
    digits = normalized.digits;
  }
  const data = ctx.state.messages.list(digits).map(
    (message): JsonObject => ({
      id: message.id,
      phoneNumberId: message.phoneNumberId,
      to: message.to,
      type: message.type,
      payload: message.payload,
      status: message.status,
      errors: message.errors,
      timestamp: message.timestamp,
    }),
  );
  return { status: 200, body: { data } };
}

function webhookLog(ctx: SandboxContext): JsonObject[] {
  return ctx.webhooks.deliveries().map((delivery) => ({
    id: delivery.id,
    field: delivery.field,
    payload: delivery.payload,
    attempts: delivery.attempts,
    delivered: delivery.delivered,
    statusCode: delivery.statusCode,
    error: delivery.error,
  }));
}

function changeTemplateStatus(ctx: SandboxContext, id: string, root: Field): ControlResult {
  const template = ctx.state.templates.byId(id);
  if (template === undefined) return failure(404, `templates/${id}: no template with this id`);
  root.object(['status', 'reason']);
  const status = root.child('status').oneOf(TEMPLATE_STATUSES, { caseInsensitive: true });
  const reason = root.child('reason').optionalString({ min: 1 }) ?? 'NONE';
  setTemplateStatus(ctx, template, status, reason);
  return { status: 200, body: { success: true } };
}
