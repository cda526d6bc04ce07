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

/** New templates start PENDING and pass review after `approveAfterMs` (at once when it is 0). */
export function startReview(ctx: SandboxContext, template: TemplateRecord): void {
  if (ctx.config.approveAfterMs === 0) {
    setTemplateStatus(ctx, template, 'APPROVED', 'NONE');
    return;
  }
  const timer = ctx.timers.after(ctx.config.approveAfterMs, () => {
    ctx.approvals.delete(template.id);
    if (ctx.state.templates.byId(template.id) === template) setTemplateStatus(ctx, template, 'APPROVED', 'NONE');
  });
  ctx.approvals.set(template.id, timer);
}

export function cancelApproval(ctx: SandboxContext, templateId: string): void {
  const timer = ctx.approvals.get(templateId);
  if (timer === undefined) return;
  ctx.timers.cancel(timer);
  ctx.approvals.delete(templateId);
}
