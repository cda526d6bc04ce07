import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleVerificationChallenge, normalizeWebhook, verifyWebhookSignature } from 'whatsapp-business-core';
import type { WebhookEvent } from 'whatsapp-business-core';

/**
 * A webhook endpoint built only from core's functions, the way the n8n trigger and the MCP inbox
 * will use them: handshake, signature over the raw bytes (401 when wrong), normalization.
 */
export class CoreWebhookReceiver {
  readonly events: WebhookEvent[] = [];
  readonly rejected: number[] = [];
  handshakes = 0;
  url = '';
  private server: Server | null = null;
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  constructor(private readonly appSecret: string, private readonly verifyToken: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET') {
        this.handshakes += 1;
        const answer = handleVerificationChallenge(Object.fromEntries(url.searchParams), this.verifyToken);
        res.writeHead(answer.status, { 'content-type': 'text/plain' });
        res.end(answer.body);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (!verifyWebhookSignature(raw, req.headers['x-hub-signature-256'], this.appSecret)) {
          this.rejected.push(raw.length);
          res.writeHead(401).end();
          return;
        }
        this.events.push(...normalizeWebhook(raw));
        res.writeHead(200).end();
        this.notify();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
    return this;
  }

  /** Resolves once `predicate` holds for the events received so far. */
  waitFor(predicate: (events: WebhookEvent[]) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => predicate(this.events);
      if (check()) resolve();
      else this.waiters.push({ predicate: check, resolve });
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate()) return true;
      waiter.resolve();
      return false;
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
