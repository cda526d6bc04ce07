import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { BodyBudget, BodyBudgetExceeded, BodyTooLarge, discardRest, readBody } from './body';
import type { Runtime } from '../runtime';
import { createServer } from '../server';
import { checkBearer, checkHostAndOrigin, originPolicy } from './guards';

/** Uploads travel base64-encoded in tool arguments: room for a 16 MB video. */
export const MAX_MCP_BODY_BYTES = 24 * 1024 * 1024;

/** Bytes all /mcp bodies being read at once may hold (a few of the largest uploads); past it, 503. */
export const MCP_BODY_BUDGET_BYTES = 64 * 1024 * 1024;

export interface HttpOptions {
  host: string;
  port: number;
  /** Bearer token clients must send. Never forwarded to a provider. */
  authToken: string;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
  log?: (message: string) => void;
}

export interface RunningHttpServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** Where the embedded sandbox (or a tunnel, for Meta) should send webhooks. */
  webhookUrl: string;
  /** Connects the runtime; until then /mcp and /webhook answer 503. */
  attach(runtime: Runtime): void;
  close(): Promise<void>;
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

/**
 * Streamable HTTP, stateless: every POST /mcp gets a fresh server and transport, so nothing
 * (session, client state, results) is shared between requests. Checks, in order: Host and Origin
 * (403), method (405: no GET stream, no DELETE of sessions), bearer token (401). /webhook takes
 * the provider's webhooks without the bearer token (Meta cannot send one): Meta's are checked by
 * signature, the unsigned On-Premises and ITNIO ones by WHATSAPP_WEBHOOK_TOKEN.
 */
export async function startHttpServer(options: HttpOptions): Promise<RunningHttpServer> {
  const log = options.log ?? (() => undefined);
  const policy = originPolicy(options.host, options.allowedHosts ?? [], options.allowedOrigins ?? []);
  let runtime: Runtime | null = null;
  const budget = new BodyBudget(MCP_BODY_BUDGET_BYTES);

  const handleMcp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refused = checkHostAndOrigin(req, policy);
    if (refused !== null) {
      discardRest(req);
      jsonRpcError(res, 403, -32000, `Forbidden: ${refused}`);
      return;
    }
    if (req.method !== 'POST') {
      discardRest(req);
      jsonRpcError(res, 405, -32000, 'Method not allowed: this server is stateless, use POST', { allow: 'POST' });
      return;
    }
    const auth = checkBearer(req, options.authToken);
    if (auth !== 'ok') {
      discardRest(req);
      const challenge = auth === 'missing' ? 'Bearer realm="whatsapp-business-mcp"' : 'Bearer realm="whatsapp-business-mcp", error="invalid_token"';
      jsonRpcError(res, 401, -32001, 'Unauthorized: send Authorization: Bearer <MCP auth token>', { 'www-authenticate': challenge });
      return;
    }
    if (runtime === null) {
      discardRest(req);
      jsonRpcError(res, 503, -32000, 'Starting up, try again shortly');
      return;
    }
    let body: unknown;
    try {
      const raw = await readBody(req, MAX_MCP_BODY_BYTES, budget, { holdUntil: res });
      body = JSON.parse(raw.toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLarge) jsonRpcError(res, 413, -32000, `Request body larger than ${MAX_MCP_BODY_BYTES} bytes`);
      else if (error instanceof BodyBudgetExceeded) jsonRpcError(res, 503, -32000, 'Too many large requests at once, retry shortly', { 'retry-after': '1' });
      else jsonRpcError(res, 400, -32700, 'Parse error: the body is not JSON');
      return;
    }
    const server = createServer(runtime);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const server: Server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/mcp') {
      handleMcp(req, res).catch((error: unknown) => {
        log(`http: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) jsonRpcError(res, 500, -32603, 'Internal error');
      });
      return;
    }
    if (path === '/webhook') {
      if (runtime === null) {
        discardRest(req);
        res.writeHead(503).end('starting up');
        return;
      }
      runtime.webhookHandler(req, res);
      return;
    }
    if (path === '/healthz' && req.method === 'GET' && checkHostAndOrigin(req, policy) === null) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: runtime !== null }));
      return;
    }
    discardRest(req);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the MCP endpoint is /mcp');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    webhookUrl: `${url}/webhook`,
    attach(value) {
      runtime = value;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
