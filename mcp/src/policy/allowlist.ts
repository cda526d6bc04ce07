import { PolicyDenied } from '../tools/result';

/**
 * The operator's recipient allow-list. Fail-closed: when it is set, every recipient not on it is
 * refused, and nothing the agent sends can add to it (it is read once from the environment).
 */
export class RecipientAllowList {
  private readonly allowed: ReadonlySet<string> | null;

  constructor(digits: readonly string[] | null) {
    this.allowed = digits === null ? null : new Set(digits);
  }

  get active(): boolean {
    return this.allowed !== null;
  }

  get size(): number {
    return this.allowed?.size ?? 0;
  }

  /** One number on the list (the first the operator wrote), for examples; null without a list. */
  get example(): string | null {
    if (this.allowed === null) return null;
    for (const digits of this.allowed) return digits;
    return null;
  }

  allows(digits: string): boolean {
    return this.allowed === null || this.allowed.has(digits);
  }

  /** Throws PolicyDenied unless `digits` (a normalized number) may be messaged. */
  check(digits: string): void {
    if (this.allows(digits)) return;
    throw new PolicyDenied(
      'recipient_not_allowed',
      `${digits} is not on this server's recipient allow-list; nothing was sent.`,
      'The operator restricted who this server may message (WHATSAPP_ALLOWED_RECIPIENTS). It cannot be changed from a tool call: ask the person running the server.',
    );
  }

  /**
   * For a simulated customer (embedded sandbox): `digits` writes to the business. A stranger's
   * conversation would be hidden from every inbox tool, so with a list set the sender must be on it.
   * `field` is the tool argument that named the sender.
   */
  checkSender(digits: string, field: string): void {
    if (this.allows(digits)) return;
    throw new PolicyDenied(
      'recipient_not_allowed',
      `${field}: ${digits} is not on this server's recipient allow-list. While the list is set, a simulated customer must write from a number on it (the inbox tools show only those numbers' conversations); nothing was simulated.`,
      `Use a number on the list as "${field}", for example "${this.example ?? ''}". The allow-list (WHATSAPP_ALLOWED_RECIPIENTS) is set by the operator and cannot be changed from a tool call.`,
    );
  }

  /** For a side effect whose user cannot be told: refused while the list is set (fail closed). */
  checkUnknown(tool: string): void {
    if (this.allowed === null) return;
    throw new PolicyDenied(
      'recipient_not_allowed',
      `${tool}: the user this would reach is not known to this server, so the recipient allow-list cannot allow it; nothing was sent.`,
      'Only messages that arrived in this server\'s inbox from an allowed number can be marked as read or answered with a typing indicator. The allow-list (WHATSAPP_ALLOWED_RECIPIENTS) is set by the operator.',
    );
  }
}
