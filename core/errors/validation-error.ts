import { WhatsAppError } from './whatsapp-error';

export interface ValidationIssue {
  /** Dotted field path with array indexes, e.g. `interactive.action.sections[1].rows[0].title`. */
  path: string;
  /** The rule that failed, e.g. `at most 24 characters (got 30)`. */
  rule: string;
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path || 'input'}: ${issue.rule}`;
}

/** Input broke a documented rule; raised before any network call. */
export class WhatsAppValidationError extends WhatsAppError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], provider: string | null = null) {
    super({ kind: 'validation', message: issues.map(formatIssue).join('; '), provider, retryable: false });
    this.name = 'WhatsAppValidationError';
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}
