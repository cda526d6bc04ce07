import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleVerificationChallenge, normalizeWebhook, verifyWebhookSignature } from 'whatsapp-business-core';
import type { Inbox } from './inbox';

/** Meta's webhook payloads are at most 3 MB. */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export interface WebhookSecrets {
  appSecret: string | null;
  verifyToken: string | null;
}

export class BodyTooLarge extends Error {}

/** Reads the raw request body, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

/**
 * The inbox's webhook endpoint: Meta's GET handshake (verify token) and signed POSTs (app secret,
 * checked over the raw bytes; 401 when wrong), normalized by core and stored. Answers 200 only
 * once the events are written, so Meta redelivers what was not stored.
 */
export function createWebhookHandler(inbox: Inbox, secrets: WebhookSecrets, log: (message: string) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET') {
      if (secrets.verifyToken === null) {
        reply(res, 503, 'webhook verification is not configured (set WHATSAPP_VERIFY_TOKEN)');
        return;
      }
      const answer = handleVerificationChallenge(Object.fromEntries(url.searchParams), secrets.verifyToken);
      reply(res, answer.status, answer.body);
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      reply(res, 405, 'method not allowed');
      return;
    }
    const appSecret = secrets.appSecret;
    if (appSecret === null) {
      req.resume();
      reply(res, 503, 'webhook signatures cannot be checked (set WHATSAPP_APP_SECRET)');
      return;
    }
    readBody(req, MAX_WEBHOOK_BYTES).then(
      async (raw) => {
        if (!verifyWebhookSignature(raw, req.headers['x-hub-signature-256'], appSecret)) {
          log('webhook: refused a POST with a missing or wrong signature (401)');
          reply(res, 401, 'invalid signature');
          return;
        }
        const result = await inbox.ingest(normalizeWebhook(raw));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      },
      (error: unknown) => {
        if (error instanceof BodyTooLarge) reply(res, 413, 'payload too large');
        else if (!res.headersSent) reply(res, 400, 'unreadable request');
      },
    ).catch((error: unknown) => {
      log(`webhook: could not store events: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) reply(res, 500, 'could not store the events');
    });
  };
}

export interface WebhookListener {
  url: string;
  close(): Promise<void>;
}

/** A loopback-only HTTP listener for the webhook alone (stdio mode with the embedded sandbox). */
export async function startWebhookListener(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<WebhookListener> {
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === '/webhook') handler(req, res);
    else reply(res, 404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
