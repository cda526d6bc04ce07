import { z } from 'zod';
import { normalizePhoneNumber, parseInput, WhatsAppError } from 'whatsapp-business-core';
import type { AuditEntry } from '../policy/audit';
import type { RecipientAllowList } from '../policy/allowlist';
import { DRY_RUN_NOTE } from './bind';
import type { CallContext, ToolDefinition } from './define';
import { inputJsonSchema, outputJsonSchema } from './json-schema';
import { inputError, PolicyDenied } from './result';

export const SIMULATE_TOOL = 'whatsapp_simulate_customer_message';

/** What audit lines and dry-run results call the simulation (the sandbox's inbound API). */
const SIMULATE_OPERATION = 'sandbox.inbound';

/** The simulated customer of examples when no allow-list names one. */
const EXAMPLE_CUSTOMER = '15551234567';

/**
 * A number a simulated customer can write from: with an allow-list, one on it (any other
 * customer's conversation would be hidden from the inbox tools, and the tool refuses it).
 */
export function exampleCustomer(allowList: RecipientAllowList): string {
  return allowList.example ?? EXAMPLE_CUSTOMER;
}

/** The command a user runs to make a simulated customer write (server instructions and log). */
export function simulateCurlLine(sandboxUrl: string, allowList: RecipientAllowList): string {
  const body = JSON.stringify({ from: exampleCustomer(allowList), text: 'Hi' });
  return `curl -s -X POST ${sandboxUrl}/_sandbox/inbound -H 'content-type: application/json' -d '${body}'`;
}

const input = z.strictObject({
  from: z
    .string()
    .min(1)
    .describe('The simulated customer\'s phone number with country code, e.g. "+1 555 123 4567". While the server has a recipient allow-list, it must be a number on the list.'),
  text: z.string().min(1).describe('What the customer writes.'),
  name: z.string().min(1).optional().describe('The customer\'s profile name (default "Sandbox User").'),
  replyTo: z.string().min(1).optional().describe('Id (wamid) of a message of yours the customer replies to.'),
});

const output = z.object({
  messageId: z.string().describe('The inbound message\'s id (wamid)'),
  from: z.string(),
  inInbox: z.boolean().describe('Whether the message has reached this server\'s inbox'),
  note: z.string(),
});

/** "<field>: <rule>", the sandbox's 400 message, as a validation error naming the tool's own field. */
function sandboxRefusal(message: string): Error {
  const match = /^([A-Za-z.[\]0-9]+): (.+)$/s.exec(message);
  if (match === null) return inputError('text', message);
  const field = match[1] === 'context.messageId' ? 'replyTo' : match[1];
  return inputError(field, match[2]);
}

/**
 * Offered only with the embedded sandbox: a customer "writes" through the sandbox's own inbound API
 * (real HTTP, as any sandbox client would), the sandbox sends the webhook to this server's inbox, and
 * the tool returns once it is there. Nothing reaches a real person: the customer is simulated.
 */
export function simulateCustomerTool(): ToolDefinition {
  const title = 'Simulate a customer message (embedded sandbox)';
  return {
    name: SIMULATE_TOOL,
    title,
    description:
      'Embedded sandbox only: makes a simulated customer write to your business number, as if from their phone. The message arrives in the inbox through the sandbox\'s webhook (like a real one would) and opens the customer\'s 24 h window, so you can try replies, whatsapp_wait_for_reply and the conversation tools. No real person is involved.',
    toolset: 'inbox',
    inputSchema: inputJsonSchema(input),
    outputSchema: outputJsonSchema(output),
    annotations: { title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    // It writes to the inbox (a change, though no user is reached): dry run, the allow-list (on the
    // sender, whose conversation must stay visible), the global rate limit and the audit apply.
    sideEffect: true,
    reachesUser: false,
    operation: null,
    async run(args, ctx: CallContext) {
      const { runtime } = ctx;
      const sandbox = runtime.sandbox;
      if (sandbox === null) throw new WhatsAppError({ kind: 'unsupported', message: `${SIMULATE_TOOL} needs the embedded sandbox` });
      const values = parseInput(input, args, runtime.provider.name);
      // Core's rule, the one the sandbox applies too: checked here, before anything is posted.
      const sender = normalizePhoneNumber(values.from);
      if (!sender.ok) throw inputError('from', sender.reason);
      const record = (entry: Omit<AuditEntry, 'tool' | 'operation' | 'input'>): void => {
        const line = { tool: SIMULATE_TOOL, operation: SIMULATE_OPERATION, ...entry };
        runtime.auditor.record({ ...line, input: values });
        void ctx.notify('notice', { event: 'side_effect', ...line }).catch(() => undefined);
      };
      try {
        runtime.allowList.checkSender(sender.digits, 'from');
        // A simulated message reaches nobody: only the global limit counts it.
        runtime.rateLimiter.take(null);
      } catch (error) {
        record({ outcome: 'denied', code: error instanceof PolicyDenied ? error.code : null });
        throw error;
      }
      const body = {
        from: sender.digits,
        text: values.text,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.replyTo === undefined ? {} : { context: { messageId: values.replyTo } }),
      };
      const url = `${sandbox.url}/_sandbox/inbound`;
      if (runtime.config.policy.dryRun) {
        record({ outcome: 'dry_run' });
        return { structured: { dryRun: true, operation: SIMULATE_OPERATION, request: { method: 'POST', url, body }, note: DRY_RUN_NOTE } };
      }
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: ctx.signal });
      } catch (error) {
        record({ outcome: 'failed', code: 'network' });
        throw error;
      }
      const answer = (await response.json().catch(() => ({}))) as { messageId?: string; error?: { message?: string } };
      if (!response.ok || typeof answer.messageId !== 'string') {
        record({ outcome: 'failed', code: response.status });
        if (response.status === 400) throw sandboxRefusal(answer.error?.message ?? 'refused by the sandbox');
        throw new WhatsAppError({ kind: 'network', message: `the embedded sandbox answered HTTP ${response.status}`, retryable: response.status >= 500 });
      }
      record({ outcome: 'done', messageId: answer.messageId });
      await sandbox.webhooksIdle();
      await ctx.runtime.inbox.sync();
      const from = ctx.runtime.inbox.senderOf(answer.messageId);
      return {
        structured: {
          messageId: answer.messageId,
          from: from ?? values.from,
          inInbox: from !== null,
          note: from !== null ? 'The customer\'s message is in the inbox (whatsapp_get_conversation); their 24 h window is open.' : 'The sandbox accepted the message but its webhook has not reached the inbox.',
        },
      };
    },
  };
}
