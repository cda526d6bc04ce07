import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { operations, parseInput, WhatsAppError } from 'whatsapp-business-core';
import type { Operation, OperationName } from 'whatsapp-business-core';
import type { AuditEntry } from '../policy/audit';
import { captureRequest } from '../policy/dry-run';
import type { CallContext, ToolDefinition } from './define';
import { inputJsonSchema, outputJsonSchema } from './json-schema';
import { PolicyDenied } from './result';
import type { ToolOutcome } from './result';
import type { Toolset } from './toolsets';

/** The result every side-effect tool returns under --dry-run. */
export const dryRunResult = z.object({
  dryRun: z.literal(true),
  operation: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    body: z.record(z.string(), z.unknown()).nullable(),
  }),
  note: z.string(),
});

export const DRY_RUN_NOTE = 'Dry run: the input passed every check and this is the exact request that would be sent. Nothing was sent.';

/** Shared wording: field descriptions for models, by dotted path. */
export const COMMON_DOCS: Readonly<Record<string, string>> = {
  phoneNumberId: 'Business phone number id to act for; omit to use the configured one.',
  wabaId: 'WhatsApp Business Account id; omit to use the configured one.',
  mediaId: 'Media id (from an upload, or from a message a customer sent).',
  messageId: 'WhatsApp message id (wamid...).',
};

/** A catalogue entry, typed loosely for binding (each operation checks its own input). */
export function catalogue(name: OperationName): Operation {
  return operations[name] as unknown as Operation;
}

/** MCP annotations from the catalogue's: reads are read-only and idempotent, the rest keep core's flags. */
export function annotationsFor(operation: Operation, title: string, openWorld = true): ToolAnnotations {
  const a = operation.annotations;
  return a.readOnly
    ? { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: openWorld }
    : { title, readOnlyHint: false, destructiveHint: a.destructive, idempotentHint: a.idempotent, openWorldHint: openWorld };
}

export interface BindSpec<V = unknown, R = unknown> {
  name: string;
  title?: string;
  /** Written for a model: what it does, when to use it, what to know first. */
  description: string;
  toolset: Toolset;
  /** Field descriptions by dotted path, added to the listed schema. */
  docs?: Readonly<Record<string, string>>;
  /** The schema clients see; defaults to the operation's input. */
  docSchema?: z.ZodType;
  /** The schema core validates with; defaults to the operation's input. */
  validate?: z.ZodType;
  /** Binding-layer adaptation before validation (inject a type, decode base64...). */
  prepare?: (args: Record<string, unknown>, ctx: CallContext) => unknown;
  /**
   * The user a side effect reaches (allow-list and per-recipient rate limit), or null when it
   * cannot be told (refused while an allow-list is set). Required for every tool that reaches a user.
   */
  recipient?: (input: V, ctx: CallContext) => string | null;
  /** Whether a call counts as a message to its recipient in the per-recipient rate limit (default true). */
  countsAsMessage?: boolean;
  /** Extra refusal before anything is sent (e.g. the 24 h window). */
  check?: (input: V, ctx: CallContext) => void;
  /** The structured result and its schema; defaults to the operation's result as is. */
  output?: { schema: z.ZodType; map: (result: R, input: V, ctx: CallContext) => ToolOutcome | Promise<ToolOutcome> };
  /** After a real (not dry-run) success: inbox bookkeeping and the like. */
  after?: (result: R, input: V, ctx: CallContext) => Promise<void>;
  /** What the audit line says about the result. */
  auditResult?: (result: R) => { messageId?: string | null };
  /** Top-level input fields kept out of audit lines even with --audit-bodies (PINs, codes). */
  auditRedact?: readonly string[];
}

function redactFields(input: unknown, fields: readonly string[] | undefined): unknown {
  if (fields === undefined || input === null || typeof input !== 'object') return input;
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of fields) if (copy[field] !== undefined) copy[field] = '[redacted]';
  return copy;
}

function codeOf(error: unknown): number | string | null {
  if (error instanceof PolicyDenied) return error.code;
  if (error instanceof WhatsAppError) return error.metaCode ?? error.kind;
  return null;
}

/**
 * Whether an operation's side effect reaches a WhatsApp user (a message, a reaction, a read
 * receipt, a typing indicator): every changing operation on the message resource does. Such tools
 * are always subject to the recipient allow-list, whichever message field names the user.
 */
export function reachesUser(operation: Operation): boolean {
  return !operation.annotations.readOnly && operation.resource === 'message';
}

/**
 * Turns a catalogue operation into a tool: input and output schemas from the operation's zod
 * schemas, annotations from its flags, validation by core, and for side effects the server's
 * policy (allow-list, rate limits, dry-run, audit) around the call.
 */
export function bindOperation<V = unknown, R = unknown>(operation: Operation, spec: BindSpec<V, R>): ToolDefinition {
  const title = spec.title ?? operation.title;
  const sideEffect = !operation.annotations.readOnly;
  const validate = spec.validate ?? operation.input;
  const output = spec.output ?? { schema: operation.result, map: (result: R) => ({ structured: result as Record<string, unknown> }) };
  const toUser = reachesUser(operation);
  const recipientOf = spec.recipient;
  // Checked when the tool list is built, so no tool that reaches a user can skip the allow-list.
  if (toUser && recipientOf === undefined) throw new Error(`${spec.name}: ${operation.name} reaches a user, so its binding must say whom (recipient)`);
  return {
    name: spec.name,
    title,
    description: spec.description,
    toolset: spec.toolset,
    inputSchema: inputJsonSchema(spec.docSchema ?? operation.input, { ...COMMON_DOCS, ...spec.docs }),
    outputSchema: outputJsonSchema(output.schema),
    annotations: annotationsFor(operation, title),
    sideEffect,
    reachesUser: toUser,
    operation,
    async run(args, ctx) {
      const { runtime } = ctx;
      const prepared: unknown = spec.prepare ? await spec.prepare(args, ctx) : args;
      const input = parseInput(validate, prepared, runtime.provider.name) as V;
      if (!sideEffect) {
        const result = (await operation.execute(runtime.provider as never, input as never)) as R;
        return output.map(result, input, ctx);
      }
      const recipient = recipientOf?.(input, ctx) ?? null;
      const audit = { tool: spec.name, operation: operation.name, to: recipient, input: redactFields(input, spec.auditRedact) };
      const record = (entry: AuditEntry): void => {
        runtime.auditor.record(entry);
        const { input: _input, ...visible } = entry;
        void ctx.notify('notice', { event: 'side_effect', ...visible }).catch(() => undefined);
      };
      try {
        if (recipient !== null) runtime.allowList.check(recipient);
        else if (toUser) runtime.allowList.checkUnknown(spec.name);
        spec.check?.(input, ctx);
        runtime.rateLimiter.take(spec.countsAsMessage === false ? null : recipient);
      } catch (error) {
        record({ ...audit, outcome: 'denied', code: codeOf(error) });
        throw error;
      }
      if (runtime.config.policy.dryRun) {
        const request = await captureRequest(operation, runtime.providerConfig, input);
        record({ ...audit, outcome: 'dry_run' });
        return { structured: { dryRun: true, operation: operation.name, request, note: DRY_RUN_NOTE } };
      }
      let result: R;
      try {
        result = (await operation.execute(runtime.provider as never, input as never)) as R;
      } catch (error) {
        record({ ...audit, outcome: 'failed', code: codeOf(error) });
        throw error;
      }
      const auditExtra = spec.auditResult?.(result) ?? {};
      record({ ...audit, outcome: auditExtra.messageId ? 'accepted' : 'done', ...auditExtra });
      if (spec.after) {
        try {
          await spec.after(result, input, ctx);
        } catch (error) {
          runtime.log(`${spec.name}: bookkeeping after success failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return output.map(result, input, ctx);
    },
  };
}

/** The output schema a side-effect tool lists under --dry-run. */
export const DRY_RUN_OUTPUT_SCHEMA = outputJsonSchema(dryRunResult);
