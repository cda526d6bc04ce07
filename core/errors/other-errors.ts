import { WhatsAppError } from './whatsapp-error';
import type { WhatsAppErrorFields } from './whatsapp-error';

type FieldsWithoutKind = Omit<WhatsAppErrorFields, 'kind'>;

/** The provider answered with an error (Meta's Graph envelope or a provider's own). */
export class WhatsAppApiError extends WhatsAppError {
  constructor(fields: FieldsWithoutKind) {
    super({ ...fields, kind: 'api' });
    this.name = 'WhatsAppApiError';
  }
}

/** Where a network failure happened decides whether a non-idempotent request may be retried. */
export type NetworkFailure =
  | 'connection_refused'
  | 'dns'
  | 'connect_timeout'
  | 'unreachable'
  | 'timeout'
  | 'connection_reset'
  | 'aborted'
  | 'other';

/** No usable HTTP answer: connection refused, reset, timed out, DNS failure... */
export class WhatsAppNetworkError extends WhatsAppError {
  readonly failure: NetworkFailure;
  /** False only when the request provably never reached the server (so even a send may be retried). */
  readonly requestMayHaveReachedServer: boolean;

  constructor(fields: FieldsWithoutKind & { failure: NetworkFailure; requestMayHaveReachedServer: boolean }) {
    super({ ...fields, kind: 'network' });
    this.name = 'WhatsAppNetworkError';
    this.failure = fields.failure;
    this.requestMayHaveReachedServer = fields.requestMayHaveReachedServer;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failure: this.failure, requestMayHaveReachedServer: this.requestMayHaveReachedServer };
  }
}

/** The chosen provider cannot do this operation. */
export class WhatsAppUnsupportedError extends WhatsAppError {
  readonly operation: string;

  constructor(operation: string, provider: string, hint: string | null = null) {
    super({ kind: 'unsupported', message: `${operation} is not supported by ${provider}`, provider, hint });
    this.name = 'WhatsAppUnsupportedError';
    this.operation = operation;
  }
}

/** Downloaded bytes do not match the checksum the provider announced. */
export class WhatsAppIntegrityError extends WhatsAppError {
  constructor(message: string, provider: string) {
    super({
      kind: 'integrity',
      message,
      provider,
      retryable: true,
      hint: 'The download was corrupted or truncated; download the media again.',
    });
    this.name = 'WhatsAppIntegrityError';
  }
}

/** The provider configuration is unusable (missing id, bad base URL...). */
export class WhatsAppConfigError extends WhatsAppError {
  constructor(message: string, provider: string | null = null, hint: string | null = null) {
    super({ kind: 'configuration', message, provider, hint });
    this.name = 'WhatsAppConfigError';
  }
}
