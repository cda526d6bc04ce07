import { INSPECT_CUSTOM } from '../runtime/inspect';
import type { Clock } from '../runtime/clock';
import type { Transport, TransportRequest, TransportResponse } from './transport';

/**
 * Spaces the starts of requests at least 1000 / requestsPerSecond ms apart, for services that
 * answer 429 above a fixed rate per account (Maton: 10 requests/s). Callers take turns in arrival
 * order, so concurrent callers queue instead of bursting together; retries pass through here too
 * and take their own turn. Each turn measures from the previous request's actual start (after
 * its wait), so a timer that fires late only spreads requests out and never lets a backlog burst.
 *
 * Time comes from the injected clock (now and sleep) so that tests and hosts without timers of
 * their own (n8n) control it.
 */
export class PacingTransport implements Transport {
  readonly #inner: Transport;
  readonly #clock: Clock;
  readonly #intervalMs: number;
  /** When the latest request started. */
  #lastStart = Number.NEGATIVE_INFINITY;
  /** Settles when the caller before the newest one has started: the queue of turns. */
  #queue: Promise<void> = Promise.resolve();

  constructor(inner: Transport, clock: Clock, requestsPerSecond: number) {
    if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) {
      throw new RangeError('requestsPerSecond must be a positive finite number');
    }
    this.#inner = inner;
    this.#clock = clock;
    this.#intervalMs = 1000 / requestsPerSecond;
  }

  /** The transport to use for `requestsPerSecond` (0 = no pacing: the transport itself). */
  static wrap(inner: Transport, clock: Clock, requestsPerSecond: number): Transport {
    return requestsPerSecond > 0 ? new PacingTransport(inner, clock, requestsPerSecond) : inner;
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    const turn = this.#queue.then(() => this.#waitForTurn());
    // A failing sleep must not stall everyone queued behind it.
    this.#queue = turn.catch(() => undefined);
    await turn;
    return this.#inner.request(request);
  }

  async #waitForTurn(): Promise<void> {
    const wait = this.#lastStart + this.#intervalMs - this.#clock.now();
    if (wait > 0) await this.#clock.sleep(wait);
    this.#lastStart = this.#clock.now();
  }

  async close(): Promise<void> {
    await this.#inner.close?.();
  }

  toJSON(): Record<string, number> {
    return { requestsPerSecond: 1000 / this.#intervalMs };
  }

  [INSPECT_CUSTOM](): string {
    return `PacingTransport(${1000 / this.#intervalMs} requests/s)`;
  }
}
