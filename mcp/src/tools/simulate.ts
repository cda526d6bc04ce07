import { z } from 'zod';
import { parseInput, WhatsAppError } from 'whatsapp-business-core';
import type { CallContext, ToolDefinition } from './define';
import { inputJsonSchema, outputJsonSchema } from './json-schema';
import { inputError } from './result';

export const SIMULATE_TOOL = 'whatsapp_simulate_customer_message';

const input = z.strictObject({
  from: z.string().min(1).describe('The simulated customer\'s phone number with country code, e.g. "+1 555 123 4567".'),
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
    // Changes only the local simulation: no user is reached, so neither policy nor dry run applies.
    sideEffect: false,
    reachesUser: false,
    operation: null,
    async run(args, ctx: CallContext) {
      const sandbox = ctx.runtime.sandbox;
      if (sandbox === null) throw new WhatsAppError({ kind: 'unsupported', message: `${SIMULATE_TOOL} needs the embedded sandbox` });
      const values = parseInput(input, args, ctx.runtime.provider.name);
      const body = {
        from: values.from,
        text: values.text,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.replyTo === undefined ? {} : { context: { messageId: values.replyTo } }),
      };
      const response = await fetch(`${sandbox.url}/_sandbox/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: ctx.signal,
      });
      const answer = (await response.json().catch(() => ({}))) as { messageId?: string; error?: { message?: string } };
      if (!response.ok || typeof answer.messageId !== 'string') {
        if (response.status === 400) throw sandboxRefusal(answer.error?.message ?? 'refused by the sandbox');
        throw new WhatsAppError({ kind: 'network', message: `the embedded sandbox answered HTTP ${response.status}`, retryable: response.status >= 500 });
      }
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
