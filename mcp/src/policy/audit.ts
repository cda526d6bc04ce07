export type AuditOutcome = 'accepted' | 'done' | 'dry_run' | 'denied' | 'failed';

export interface AuditEntry {
  tool: string;
  operation: string | null;
  outcome: AuditOutcome;
  /** Recipient (digits) for messages. */
  to?: string | null;
  messageId?: string | null;
  /** Meta's code or the policy code, for refusals and failures. */
  code?: number | string | null;
  /** The validated input; recorded only with --audit-bodies. */
  input?: unknown;
}

export interface Auditor {
  record(entry: AuditEntry): void;
}

/**
 * One JSON line per side effect (attempted, refused, failed or done) on stderr: who was messaged,
 * by which tool, with what outcome. Message content is left out unless the operator asked for it;
 * secrets are scrubbed from the line in any case.
 */
export function createAuditor(options: { sink: (line: string) => void; bodies: boolean; scrub: (text: string) => string; now?: () => Date }): Auditor {
  const now = options.now ?? (() => new Date());
  return {
    record(entry) {
      const line: Record<string, unknown> = { audit: 'whatsapp-business-mcp', time: now().toISOString(), tool: entry.tool, operation: entry.operation, outcome: entry.outcome };
      if (entry.to) line.to = entry.to;
      if (entry.messageId) line.messageId = entry.messageId;
      if (entry.code !== undefined && entry.code !== null) line.code = entry.code;
      if (options.bodies && entry.input !== undefined) line.input = entry.input;
      options.sink(`${options.scrub(JSON.stringify(line, (_key, value: unknown) => (value instanceof Uint8Array ? `<${value.byteLength} bytes>` : value)))}\n`);
    },
  };
}
