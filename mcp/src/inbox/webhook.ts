import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { carriesSharedSecret, handleVerificationChallenge, normalizePassThroughWebhook, normalizeWebhook, verifyWebhookSignature } from 'whatsapp-business-core';
import type { WebhookEvent } from 'whatsapp-business-core';
import { BodyBudget, BodyBudgetExceeded, BodyTimeout, BodyTooLarge, PerClientSlots, readBody, refuseUnread, replyText } from '../http/body';
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

/**
 * Bytes all webhook bodies being read at once may hold (a few of Meta's largest payloads). Past it
 * the server answers 503 and Meta redelivers later; memory stays bounded however many arrive.
 */
export const WEBHOOK_BODY_BUDGET_BYTES = 16 * 1024 * 1024;

/**
 * The whole body of a webhook must arrive within this time (408 otherwise, and Meta redelivers):
 * Meta's payloads are a few kB, so a sender still sending after 10 s is idle or trickling on purpose.
 */
export const WEBHOOK_BODY_DEADLINE_MS = 10_000;

/**
 * Webhook bodies one client address may have in flight at once (503 past it). A well-formed but
 * fake signature passes the early check, so this bounds what one sender can hold; behind a tunnel
 * every delivery shares the tunnel's address, hence room for several concurrent genuine ones.
 */
export const MAX_WEBHOOK_BODIES_PER_CLIENT = 8;

/** What a signature header must look like before the body is worth reading. */
const SIGNATURE_HEADER = /^sha256=[0-9a-f]{64}$/i;

const reply = replyText;

/** The request was already answered (refused before its body was read). */
class AlreadyAnswered extends Error {}

/** The answer to a body that could not be read: too large (413), too many at once (503), or broken (400). */
function refuseBody(res: ServerResponse, error: unknown): void {
  if (error instanceof BodyTooLarge) reply(res, 413, `payload too large (more than ${error.limit} bytes)`);
  else if (error instanceof BodyBudgetExceeded) reply(res, 503, 'too many webhook bodies at once, retry later', { 'retry-after': '1' });
  else if (error instanceof BodyTimeout) reply(res, 408, `the body did not arrive within ${error.ms} ms`, { connection: 'close' });
  else if (!(error instanceof AlreadyAnswered)) reply(res, 400, 'unreadable request');
}

/** Reads a webhook body under the endpoint's limits: per-client cap, shared budget, deadline. */
function readWebhookBody(req: IncomingMessage, res: ServerResponse, budget: BodyBudget, slots: PerClientSlots): Promise<Buffer> {
  if (!slots.take(req, res)) {
    refuseUnread(req, res, 503, 'too many webhook bodies in flight from this address, retry later', { 'retry-after': '1' });
    return Promise.reject(new AlreadyAnswered());
  }
  return readBody(req, MAX_WEBHOOK_BYTES, budget, { holdUntil: res, deadlineMs: WEBHOOK_BODY_DEADLINE_MS });
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
  const budget = new BodyBudget(WEBHOOK_BODY_BUDGET_BYTES);
  const slots = new PerClientSlots(MAX_WEBHOOK_BODIES_PER_CLIENT);
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
      refuseUnread(req, res, 405, 'method not allowed', { allow: 'GET, POST' });
      return;
    }
    const appSecret = secrets.appSecret;
    if (appSecret === null) {
      refuseUnread(req, res, 503, 'webhook signatures cannot be checked (set WHATSAPP_APP_SECRET)');
      return;
    }
    // Without a well-formed signature the body cannot be genuine: refused before a byte of it is read.
    const signature = req.headers['x-hub-signature-256'];
    if (typeof signature !== 'string' || !SIGNATURE_HEADER.test(signature.trim())) {
      log(`webhook: refused a POST with a ${signature === undefined ? 'missing' : 'malformed'} X-Hub-Signature-256 header (401)`);
      refuseUnread(req, res, 401, 'missing or malformed X-Hub-Signature-256 header');
      return;
    }
    readWebhookBody(req, res, budget, slots).then(
      async (raw) => {
        if (!verifyWebhookSignature(raw, req.headers['x-hub-signature-256'], appSecret)) {
          log('webhook: refused a POST with a missing or wrong signature (401)');
          reply(res, 401, 'invalid signature');
          return;
        }
        const result = await inbox.ingest(normalizeWebhook(raw));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      },
      (error: unknown) => refuseBody(res, error),
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
  const budget = new BodyBudget(WEBHOOK_BODY_BUDGET_BYTES);
  const slots = new PerClientSlots(MAX_WEBHOOK_BODIES_PER_CLIENT);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && format === 'pass-through' && verifyToken !== null && url.searchParams.has('hub.mode')) {
      // In case the provider verifies the URL the way Meta does.
      const answer = handleVerificationChallenge(Object.fromEntries(url.searchParams), verifyToken);
      reply(res, answer.status, answer.body);
      return;
    }
    if (req.method !== 'POST') {
      refuseUnread(req, res, 405, 'method not allowed', { allow: 'POST' });
      return;
    }
    if (token === null) {
      refuseUnread(req, res, 503, 'webhooks of this provider are not signed: set WHATSAPP_WEBHOOK_TOKEN and put it in the webhook URL (?token=) or as its Basic-auth password');
      return;
    }
    const carriers = { token: url.searchParams.get('token'), authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null };
    // The token travels in the URL or a header, so it is checked before a byte of the body is read.
    if (!carriesSharedSecret(token, carriers)) {
      const presented = (carriers.token ?? '') !== '' || /^Basic\s/i.test(carriers.authorization ?? '');
      log(`webhook (${provider}): refused a POST with a ${presented ? 'wrong' : 'missing'} token (401)`);
      refuseUnread(req, res, 401, 'missing or wrong webhook token', { 'www-authenticate': 'Basic realm="whatsapp-business-mcp webhook"' });
      return;
    }
    readWebhookBody(req, res, budget, slots).then(
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
      (error: unknown) => refuseBody(res, error),
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
    else refuseUnread(req, res, 404, 'not found');
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
