import type { TemplateStatus } from 'whatsapp-business-core';
import type { SandboxContext } from '../runtime/context';
import { accountEnvelope } from '../webhooks/envelopes';
import type { TemplateRecord } from './template-record';

/** Changes a template's status and tells the webhook receiver, as Meta's review does. */
export function setTemplateStatus(ctx: SandboxContext, template: TemplateRecord, status: TemplateStatus, reason: string): void {
  cancelApproval(ctx, template.id);
  template.status = status;
  template.rejectedReason = status === 'REJECTED' ? reason : 'NONE';
  ctx.webhooks.enqueue(
    'message_template_status_update',
    accountEnvelope(
      ctx.config.wabaId,
      'message_template_status_update',
      {
        event: status,
        message_template_id: Number(template.id),
        message_template_name: template.name,
        message_template_language: template.language,
        message_template_category: template.category,
        reason,
      },
      ctx.now(),
    ),
  );
}

/**
 * New templates are PENDING, as Meta answers, and pass review later: after `approveAfterMs`, or
 * with 0 on the next turn of the event loop, which is still before the server reads the client's
 * next request, so create-then-send works. webhooksIdle() waits for the APPROVED webhook too.
 */
export function startReview(ctx: SandboxContext, template: TemplateRecord): void {
  const release = ctx.webhooks.hold();
  const approve = (): void => {
    ctx.approvals.delete(template.id);
    if (ctx.state.templates.byId(template.id) === template) setTemplateStatus(ctx, template, 'APPROVED', 'NONE');
    release();
  };
  const ms = ctx.config.approveAfterMs;
  const timer = ms === 0 ? ctx.timers.nextTurn(approve) : ctx.timers.after(ms, approve);
  ctx.approvals.set(template.id, () => {
    ctx.timers.cancel(timer);
    release();
  });
}

export function cancelApproval(ctx: SandboxContext, templateId: string): void {
  const cancel = ctx.approvals.get(templateId);
  if (cancel === undefined) return;
  ctx.approvals.delete(templateId);
  cancel();
}
