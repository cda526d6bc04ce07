import type { Clock } from '../../runtime/clock';

/** A login answer: the Bearer token and when the client says it expires (null when unreadable). */
export interface LoginToken {
  token: string;
  expiresAt: number | null;
}

/** Renew this long before expiry (at most a tenth of the token's life, for short-lived test tokens). */
const RENEW_MARGIN_MS = 5 * 60 * 1000;
/** Old tokens kept for redaction: a late answer may still echo one. */
const REMEMBERED_TOKENS = 8;

/**
 * `expires_after` as the client writes it, "2018-03-01 15:29:26+00:00" (UTC when it names no zone).
 * Null when unreadable: the token is then used until the client refuses it.
 */
export function parseExpiresAfter(value: string | null): number | null {
  if (value === null) return null;
  const iso = value.trim().replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`;
  const time = Date.parse(zoned);
  return Number.isFinite(time) ? time : null;
}

/**
 * The login token of one provider: one login serves every call until shortly before `expires_after`;
 * concurrent calls share a login in flight; a token the client refused is dropped so the next call
 * logs in again. Tokens live only here, in private fields.
 */
export class OnPremSession {
  readonly #login: () => Promise<LoginToken>;
  readonly #clock: Clock;
  #current: { token: string; renewAt: number | null } | null = null;
  #pending: Promise<string> | null = null;
  readonly #seen: string[] = [];

  constructor(login: () => Promise<LoginToken>, clock: Clock) {
    this.#login = login;
    this.#clock = clock;
  }

  /** A usable token, logging in when there is none or it is about to expire. */
  token(): Promise<string> {
    const current = this.#current;
    if (current !== null && (current.renewAt === null || this.#clock.now() < current.renewAt)) return Promise.resolve(current.token);
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** The client refused `token` (expired, revoked, or the client restarted): forget it. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = null;
  }

  /** Tokens this session has held, for redacting error text. */
  secrets(): readonly string[] {
    return this.#seen;
  }

  async #renew(): Promise<string> {
    const loggedInAt = this.#clock.now();
    const { token, expiresAt } = await this.#login();
    this.#seen.push(token);
    if (this.#seen.length > REMEMBERED_TOKENS) this.#seen.shift();
    // An expiry that is already past (the client's clock and this one disagree) would mean a login
    // before every call; such a token is used like one without expiry, until the client refuses it.
    const usable = expiresAt !== null && expiresAt > loggedInAt ? expiresAt : null;
    const margin = usable === null ? 0 : Math.min(RENEW_MARGIN_MS, (usable - loggedInAt) / 10);
    this.#current = { token, renewAt: usable === null ? null : usable - margin };
    return token;
  }
}
