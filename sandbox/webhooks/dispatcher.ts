import type { JsonObject } from 'whatsapp-business-core';
import { redactUrl } from '../http/redact-url';
import type { TimerRegistry } from '../runtime/timers';
import { toEscapedJson } from './escape-json';
import { verifyCallback } from './handshake';
import { sendOutbound } from './outbound-request';
import { signatureHeaders } from './signature';

/** One webhook event and what happened when the sandbox tried to deliver it. */
export interface WebhookDelivery {
  id: string;
  field: string;
  payload: JsonObject;
  attempts: number;
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookTarget {
  url: string;
  appSecret: string;
  verifyToken: string;
}

/**
 * Another API's webhooks (the On-Premises client's): where they go and what they look like. Such
 * webhooks are posted as plain JSON, without Meta's verification handshake or signature.
 */
export interface WebhookDialect {
  /** The receiver of events of this field right now, or null when they go nowhere. */
  target(field: string): { url: string } | null;
  /** The event as this dialect delivers it (from Meta's envelope), or null when it has no such event. */
  translate(field: string, payload: JsonObject): JsonObject | null;
}

export interface DispatcherDeps {
  timers: TimerRegistry;
  retries: number;
  log: (line: string) => void;
  /** Where to deliver an event of this field right now, or null when it goes nowhere. */
  target: (field: string) => WebhookTarget | null;
}

const POST_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 100;

/**
 * Delivers webhook events one at a time, in the order they were produced, so receivers see
 * sent -> delivered -> read in sequence. Failed deliveries are retried with exponential backoff and
 * then given up (recorded, not dropped silently).
 */
export class WebhookDispatcher {
  private readonly queue: { delivery: WebhookDelivery; body: Buffer }[] = [];
  private readonly history: WebhookDelivery[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private abort = new AbortController();
  private verifiedUrl: string | null = null;
  private running = false;
  private stopped = false;
  private sequence = 0;
  /** Events that are scheduled but not queued yet (a message's delivered/read statuses). */
  private holds = 0;
  private holdGeneration = 0;
  private dialect: WebhookDialect | null = null;

  constructor(private readonly deps: DispatcherDeps) {}

  /** From now on, deliver events in this dialect instead of Meta's (set once, at start). */
  useDialect(dialect: WebhookDialect): void {
    this.dialect = dialect;
  }

  /** The event as receivers get it (Meta's envelope, or the dialect's translation, null for none). */
  asDelivered(field: string, payload: JsonObject): JsonObject | null {
    return this.dialect === null ? payload : this.dialect.translate(field, payload);
  }

  /**
   * Queues an event; a no-op when no callback URL and app secret are configured (for a dialect:
   * when it has no receiver, or no such event).
   */
  enqueue(field: string, event: JsonObject): void {
    if (this.stopped || this.targetOf(field) === null) return;
    const payload = this.asDelivered(field, event);
    if (payload === null) return;
    this.sequence += 1;
    const delivery: WebhookDelivery = {
      id: String(this.sequence),
      field,
      payload,
      attempts: 0,
      delivered: false,
      statusCode: null,
      error: null,
    };
    this.history.push(delivery);
    // Meta escapes non-ASCII characters in what it signs; a dialect posts plain JSON.
    const text = this.dialect === null ? toEscapedJson(payload) : JSON.stringify(payload);
    this.queue.push({ delivery, body: Buffer.from(text, 'utf8') });
    if (!this.running) void this.drain();
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.history;
  }

  /** A callback URL that already passed the handshake elsewhere (subscribed_apps override). */
  markVerified(url: string): void {
    this.verifiedUrl = url;
  }

  /**
   * Announces events that will be enqueued later, so idle() also waits for them; call the returned
   * function once they are enqueued. A reset releases every hold.
   */
  hold(): () => void {
    const generation = this.holdGeneration;
    let released = false;
    this.holds += 1;
    return () => {
      if (released || generation !== this.holdGeneration) return;
      released = true;
      this.holds -= 1;
      this.settleIdle();
    };
  }

  idle(): Promise<void> {
    if (this.isIdle() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops queued events, the delivery log and the handshake state; an in-flight request is aborted. */
  reset(): void {
    this.queue.length = 0;
    this.history.length = 0;
    this.verifiedUrl = null;
    this.holds = 0;
    this.holdGeneration += 1;
    this.abort.abort();
    this.abort = new AbortController();
  }

  stop(): void {
    this.stopped = true;
    this.reset();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.stopped) {
      const next = this.queue[0];
      const signal = this.abort.signal;
      await this.deliver(next.delivery, next.body, signal);
      // A reset during delivery already emptied the queue; only shift what is still ours.
      if (!signal.aborted && this.queue[0] === next) this.queue.shift();
    }
    this.running = false;
    this.settleIdle();
  }

  private async deliver(delivery: WebhookDelivery, body: Buffer, signal: AbortSignal): Promise<void> {
    for (let attempt = 0; attempt <= this.deps.retries; attempt += 1) {
      if (attempt > 0) await this.backoff(BACKOFF_BASE_MS * 2 ** (attempt - 1), signal);
      if (signal.aborted) return;
      const target = this.targetOf(delivery.field);
      if (target === null) {
        delivery.error = 'webhooks are no longer configured';
        return;
      }
      delivery.attempts += 1;
      if (target.appSecret !== null && this.verifiedUrl !== target.url) {
        const handshake = await verifyCallback(target.url, target.verifyToken, signal);
        if (signal.aborted) return;
        if (!handshake.ok) {
          delivery.error = `verification handshake failed: ${handshake.reason}`;
          this.deps.log(`webhook ${delivery.field} #${delivery.id}: ${delivery.error}`);
          continue;
        }
        this.verifiedUrl = target.url;
        this.deps.log(`webhook receiver verified (handshake passed): ${redactUrl(target.url)}`);
      }
      const result = await sendOutbound({
        method: 'POST',
        url: target.url,
        headers: { 'Content-Type': 'application/json', ...(target.appSecret === null ? {} : signatureHeaders(target.appSecret, body)) },
        body,
        signal,
        timeoutMs: POST_TIMEOUT_MS,
      });
      if (signal.aborted) return;
      if (result.ok) delivery.statusCode = result.status;
      if (result.ok && result.status >= 200 && result.status < 300) {
        delivery.delivered = true;
        delivery.error = null;
        this.deps.log(`webhook ${delivery.field} #${delivery.id} delivered (HTTP ${result.status})`);
        return;
      }
      delivery.error = result.ok ? `receiver answered HTTP ${result.status}` : result.error;
      this.deps.log(`webhook ${delivery.field} #${delivery.id} attempt ${delivery.attempts} failed: ${delivery.error}`);
    }
    this.deps.log(`webhook ${delivery.field} #${delivery.id} given up after ${delivery.attempts} attempts`);
  }

  /** Meta's signed, verified target, or the dialect's plain one (no secret: no handshake, no signature). */
  private targetOf(field: string): { url: string; appSecret: string | null; verifyToken: string } | null {
    if (this.dialect === null) return this.deps.target(field);
    const target = this.dialect.target(field);
    return target === null ? null : { url: target.url, appSecret: null, verifyToken: '' };
  }

  private backoff(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.deps.timers.cancel(timer);
        resolve();
      };
      const timer = this.deps.timers.after(ms, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private isIdle(): boolean {
    return !this.running && this.queue.length === 0 && this.holds === 0;
  }

  private settleIdle(): void {
    if (!this.isIdle() && !this.stopped) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
