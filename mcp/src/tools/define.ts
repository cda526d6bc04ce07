import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { MessageKind, Operation } from 'whatsapp-business-core';
import type { Runtime } from '../runtime';
import type { JsonSchema } from './json-schema';
import type { ToolOutcome } from './result';
import type { Toolset } from './toolsets';

/** What a tool call can reach besides its arguments. */
export interface CallContext {
  runtime: Runtime;
  signal: AbortSignal;
  /** Sends a progress notification when the client asked for them (a no-op otherwise). */
  progress(progress: number, total: number | undefined, message: string): Promise<void>;
  /** Sends a log notification to the client, when its logging level lets it through. */
  notify(level: 'debug' | 'info' | 'notice' | 'warning', data: Record<string, unknown>): Promise<void>;
}

/** A tool as the server lists and runs it; built once per runtime. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  annotations: ToolAnnotations;
  /** Changes something or reaches someone: hidden by --read-only, subject to policy and dry-run. */
  sideEffect: boolean;
  /** Its side effect reaches a WhatsApp user: always checked against the recipient allow-list. */
  reachesUser: boolean;
  /** The catalogue operation it runs; the tool is offered only when the provider supports it. */
  operation: Operation | null;
  /** Send tools: the message kinds it can send; offered when the provider supports at least one. */
  messageKinds?: readonly MessageKind[];
  /** Runs the call on decoded arguments; throws core errors or PolicyDenied, mapped to isError results. */
  run(args: Record<string, unknown>, ctx: CallContext): Promise<ToolOutcome>;
}
