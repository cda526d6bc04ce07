/** What kind of failure an error is; faces branch on this rather than on class names. */
export type WhatsAppErrorKind =
  | 'validation'
  | 'api'
  | 'network'
  | 'unsupported'
  | 'integrity'
  | 'configuration';

export interface WhatsAppErrorFields {
  kind: WhatsAppErrorKind;
  message: string;
  provider?: string | null;
  httpStatus?: number | null;
  metaCode?: number | null;
  metaSubcode?: number | null;
  title?: string | null;
  details?: string | null;
  fbtraceId?: string | null;
  retryable?: boolean;
  hint?: string | null;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  retryAfterSeconds?: number | null;
  /**
   * Removes secrets from text. Errors built from what a server answered pass their provider's
   * redactor: it is applied here to every text field (message, title, details, fbtraceId, hint), so
   * no field a server can fill, and none added later, escapes it.
   */
  redact?: (text: string) => string;
}

const unchanged = (text: string): string => text;

/**
 * The one error type every core failure is (or extends). It carries only facts about the failure:
 * never a request, its headers or a credential, so it is safe to log, serialize or show to an agent.
 */
export class WhatsAppError extends Error {
  readonly kind: WhatsAppErrorKind;
  readonly provider: string | null;
  readonly httpStatus: number | null;
  readonly metaCode: number | null;
  readonly metaSubcode: number | null;
  readonly title: string | null;
  readonly details: string | null;
  readonly fbtraceId: string | null;
  readonly retryable: boolean;
  readonly hint: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(fields: WhatsAppErrorFields) {
    const redact = fields.redact ?? unchanged;
    const clean = (text: string | null | undefined): string | null => (text === null || text === undefined ? null : redact(text));
    // Redacted before super(): the stack trace is built from the message.
    super(redact(fields.message));
    this.name = 'WhatsAppError';
    this.kind = fields.kind;
    this.provider = fields.provider ?? null;
    this.httpStatus = fields.httpStatus ?? null;
    this.metaCode = fields.metaCode ?? null;
    this.metaSubcode = fields.metaSubcode ?? null;
    this.title = clean(fields.title);
    this.details = clean(fields.details);
    this.fbtraceId = clean(fields.fbtraceId);
    this.retryable = fields.retryable ?? false;
    this.hint = clean(fields.hint);
    this.retryAfterSeconds = fields.retryAfterSeconds ?? null;
  }

  /**
   * A copy of this error (same class, same fields) with every text in it passed through `redact`:
   * message, stack, title, details, fbtraceId, hint, a subclass's own fields and validation rules.
   * For faces that hold secrets core never saw (n8n signs requests with its own credentials): one
   * call covers every field, including any added later, instead of each face redacting field by field.
   */
  redactedWith(redact: (text: string) => string): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    for (const key of Object.getOwnPropertyNames(this)) {
      const descriptor = Object.getOwnPropertyDescriptor(this, key) as PropertyDescriptor;
      if ('value' in descriptor) descriptor.value = redactTexts(descriptor.value, redact, 0);
      Object.defineProperty(copy, key, descriptor);
    }
    return copy;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      provider: this.provider,
      httpStatus: this.httpStatus,
      metaCode: this.metaCode,
      metaSubcode: this.metaSubcode,
      title: this.title,
      details: this.details,
      fbtraceId: this.fbtraceId,
      retryable: this.retryable,
      hint: this.hint,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

/** Error fields nest at most an array of issue objects deep; nothing deeper is expected or walked. */
const MAX_FIELD_DEPTH = 3;

function redactTexts(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth >= MAX_FIELD_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactTexts(item, redact, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactTexts(item, redact, depth + 1)]));
}
