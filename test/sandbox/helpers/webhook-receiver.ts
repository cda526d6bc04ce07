import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  raw: Buffer;
  body: unknown;
  signature: string | undefined;
  signatureValid: boolean;
  contentType: string | undefined;
}

export interface Handshake {
  mode: string | null;
  challenge: string | null;
  verifyToken: string | null;
}

export interface ReceiverOptions {
  appSecret: string;
  verifyToken: string;
  /** Answer the first N POSTs with HTTP 500. */
  failPosts?: number;
  /** Answer every POST with this status. */
  postStatus?: number;
  /** Answer the first N handshakes with 403. */
  failHandshakes?: number;
}

/** A webhook receiver on 127.0.0.1 that does what a real one must: the handshake and signature checks. */
export class WebhookReceiver {
  readonly posts: ReceivedWebhook[] = [];
  readonly handshakes: Handshake[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly options: ReceiverOptions) {}

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      void this.handle(request).then(({ status, body }) => {
        response.writeHead(status, { 'Content-Type': 'text/plain' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
    return this;
  }

  /** Resolves once at least `count` POSTs have arrived. */
  waitForPosts(count: number): Promise<void> {
    if (this.posts.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Parsed bodies of the POSTs, for assertions. */
  payloads<T>(): T[] {
    return this.posts.map((post) => post.body as T);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const url = new URL(request.url ?? '/', 'http://receiver.invalid');
    if (request.method === 'GET') {
      const handshake = {
        mode: url.searchParams.get('hub.mode'),
        challenge: url.searchParams.get('hub.challenge'),
        verifyToken: url.searchParams.get('hub.verify_token'),
      };
      this.handshakes.push(handshake);
      const failing = this.handshakes.length <= (this.options.failHandshakes ?? 0);
      if (!failing && handshake.mode === 'subscribe' && handshake.verifyToken === this.options.verifyToken) {
        return { status: 200, body: handshake.challenge ?? '' };
      }
      return { status: 403, body: 'forbidden' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const signature = headerValue(request, 'x-hub-signature-256');
    const expected = `sha256=${createHmac('sha256', this.options.appSecret).update(raw).digest('hex')}`;
    const signatureValid =
      signature !== undefined && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    this.posts.push({
      raw,
      body: JSON.parse(raw.toString('utf8')) as unknown,
      signature,
      signatureValid,
      contentType: headerValue(request, 'content-type'),
    });
    for (const waiter of this.waiters.filter((candidate) => this.posts.length >= candidate.count)) waiter.resolve();
    this.waiters = this.waiters.filter((candidate) => this.posts.length < candidate.count);
    if (this.posts.length <= (this.options.failPosts ?? 0)) return { status: 500, body: 'try again' };
    return { status: this.options.postStatus ?? 200, body: 'EVENT_RECEIVED' };
  }
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Shapes of the webhook payloads the tests look into. */
export interface WebhookEnvelope {
  object: string;
  entry: {
    id: string;
    time?: number;
    changes: { field: string; value: WebhookValue }[];
  }[];
}

export interface WebhookValue {
  messaging_product?: string;
  metadata?: { display_phone_number: string; phone_number_id: string };
  statuses?: StatusEvent[];
  contacts?: { wa_id?: string; user_id?: string; profile?: { name: string } }[];
  messages?: Record<string, unknown>[];
  event?: string;
  message_template_id?: number;
  message_template_name?: string;
  reason?: string;
}

export interface StatusEvent {
  id: string;
  status: string;
  timestamp: string;
  recipient_id: string;
  biz_opaque_callback_data?: string;
  pricing?: { billable: boolean; pricing_model: string; category: string; type: string };
  errors?: { code: number; title: string; message: string; error_data: { details: string }; href: string }[];
}

export function firstValue(envelope: WebhookEnvelope): WebhookValue {
  return envelope.entry[0].changes[0].value;
}
