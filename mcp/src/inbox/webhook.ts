import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { carriesSharedSecret, handleVerificationChallenge, normalizePassThroughWebhook, normalizeWebhook, verifyWebhookSignature } from 'whatsapp-business-core';
import type { WebhookEvent } from 'whatsapp-business-core';
import type { Inbox } from './inbox';
import type { UnrecognizedWebhooks } from './unrecognized';

/** Meta's webhook payloads are at most 3 MB. */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export interface WebhookSecrets {
  appSecret: string | null;
  verifyToken: string | null;
  /** The shared token unsigned webhooks (On-Premises, ITNIO) must carry; null refuses them. */
  webhookToken?: string | null;
}

/**
 * How /webhook authenticates and reads a POST:
 * - meta: Meta's webhooks (Cloud API, Maton), signed with the app secret;
 * - onprem: the On-Premises client's flat payload, unsigned, so it must carry the shared token;
 * - pass-through: ITNIO's callbacks (format unpublished), token-checked; Meta-shaped bodies are
 *   normalized, anything else is kept as unrecognized.
 */
export type WebhookFormat = 'meta' | 'onprem' | 'pass-through';

export interface WebhookOptions {
  format?: WebhookFormat;
  /** Provider name written with unrecognized bodies, e.g. "itnio". */
  provider?: string;
  /** Where token-checked bodies that hold no message or status go. */
  unrecognized?: UnrecognizedWebhooks | null;
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
export function createWebhookHandler(
  inbox: Inbox,
  secrets: WebhookSecrets,
  log: (message: string) => void,
  options: WebhookOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const format = options.format ?? 'meta';
  if (format !== 'meta') return createTokenWebhookHandler(inbox, secrets.webhookToken ?? null, secrets.verifyToken, log, format, options);
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

/** Normalized events for the inbox, and what of the body holds no message or status. */
function readTokenBody(raw: Buffer, format: 'onprem' | 'pass-through'): { events: WebhookEvent[]; unrecognized: { reason: string; body: unknown }[] } {
  if (format === 'pass-through') {
    const read = normalizePassThroughWebhook(raw);
    if (read.raw !== null) return { events: [], unrecognized: [{ reason: 'not in Meta\'s webhook shape', body: read.raw }] };
    return split(read.events);
  }
  return split(normalizeWebhook(raw));
}

function split(events: readonly WebhookEvent[]): { events: WebhookEvent[]; unrecognized: { reason: string; body: unknown }[] } {
  const known = events.filter((event) => event.kind !== 'unknown');
  const unknown = events.filter((event) => event.kind === 'unknown').map((event) => ({ reason: 'an event core could not read', body: event.raw }));
  return { events: known, unrecognized: unknown };
}

/**
 * /webhook for providers whose webhooks are not signed (On-Premises, ITNIO): a POST is accepted
 * only with the shared token (constant-time check; 401 otherwise, 503 when none is configured).
 * Messages and statuses go to the inbox; whatever else the body holds is kept as unrecognized.
 */
function createTokenWebhookHandler(
  inbox: Inbox,
  token: string | null,
  verifyToken: string | null,
  log: (message: string) => void,
  format: 'onprem' | 'pass-through',
  options: WebhookOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const provider = options.provider ?? format;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && format === 'pass-through' && verifyToken !== null && url.searchParams.has('hub.mode')) {
      // In case the provider verifies the URL the way Meta does.
      const answer = handleVerificationChallenge(Object.fromEntries(url.searchParams), verifyToken);
      reply(res, answer.status, answer.body);
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('allow', 'POST');
      reply(res, 405, 'method not allowed');
      return;
    }
    if (token === null) {
      req.resume();
      reply(res, 503, 'webhooks of this provider are not signed: set WHATSAPP_WEBHOOK_TOKEN and put it in the webhook URL (?token=) or as its Basic-auth password');
      return;
    }
    const carriers = { token: url.searchParams.get('token'), authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null };
    if (!carriesSharedSecret(token, carriers)) {
      req.resume();
      const presented = (carriers.token ?? '') !== '' || /^Basic\s/i.test(carriers.authorization ?? '');
      log(`webhook (${provider}): refused a POST with a ${presented ? 'wrong' : 'missing'} token (401)`);
      res.setHeader('www-authenticate', 'Basic realm="whatsapp-business-mcp webhook"');
      reply(res, 401, 'missing or wrong webhook token');
      return;
    }
    readBody(req, MAX_WEBHOOK_BYTES).then(
      async (raw) => {
        const read = readTokenBody(raw, format);
        const result = await inbox.ingest(read.events);
        // The inbox keeps messages and statuses; errors the provider reports are at least said.
        for (const event of read.events) {
          if (event.kind !== 'error') continue;
          for (const error of event.errors) log(`webhook (${provider}): the provider reported error ${error.code ?? '?'}${error.title ? `: ${error.title}` : ''}`);
        }
        for (const item of read.unrecognized) {
          if (options.unrecognized) await options.unrecognized.record(provider, item.reason, item.body);
          else log(`webhook: ignored an unrecognized ${provider} payload (${item.reason}); no file to keep it in`);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...result, unrecognized: read.unrecognized.length }));
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
