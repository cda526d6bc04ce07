import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signWebhookPayload } from 'whatsapp-business-core';
import { parseConfig } from '../../mcp/src/config';
import { startHttpServer } from '../../mcp/src/http/http-server';
import type { RunningHttpServer } from '../../mcp/src/http/http-server';
import { createRuntime } from '../../mcp/src/runtime';
import type { Runtime } from '../../mcp/src/runtime';
import { TOOL_NAMES } from '../../mcp/src/tools/index';
import { SANDBOX_TOOLS } from './helpers/tool-sets';

const TOKEN = 'http-test-bearer-token-0123456789';
const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '0' } } });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be anything. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const mcpHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  authorization: `Bearer ${TOKEN}`,
  ...extra,
});

async function start(env: Record<string, string> = {}, argv: string[] = []): Promise<{ http: RunningHttpServer; runtime: Runtime; audit: string[]; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-http-'));
  const outcome = parseConfig(['--http', '--port', '0', '--data-dir', dataDir, ...argv], { MCP_AUTH_TOKEN: TOKEN, ...env }, TOOL_NAMES);
  if (outcome.kind !== 'config') throw new Error('config');
  const config = outcome.config;
  const http = await startHttpServer({ host: config.http.host, port: config.http.port, authToken: TOKEN });
  const audit: string[] = [];
  const runtime = await createRuntime(config, { webhookUrl: config.provider.kind === 'sandbox' ? http.webhookUrl : undefined, log: () => undefined, auditSink: (l) => audit.push(l) });
  http.attach(runtime);
  return {
    http,
    runtime,
    audit,
    async close() {
      await http.close();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  return client;
}

describe('Streamable HTTP transport', () => {
  let env: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    env = await start();
  });
  afterAll(async () => {
    await env.close();
  });

  it('401 without a bearer token or with a wrong one, with a WWW-Authenticate challenge', async () => {
    const missing = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ authorization: '' }), body: INITIALIZE });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer realm=/);
    const wrong = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ authorization: 'Bearer not-the-token' }), body: INITIALIZE });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expect(wrong.body).not.toContain(TOKEN);
  });

  it('403 for a Host or Origin that is not this server (DNS rebinding), even with the token', async () => {
    const host = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ host: 'evil.example.com' }), body: INITIALIZE });
    expect(host.status).toBe(403);
    const origin = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ origin: 'http://evil.example.com' }), body: INITIALIZE });
    expect(origin.status).toBe(403);
    const nullOrigin = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ origin: 'null' }), body: INITIALIZE });
    expect(nullOrigin.status).toBe(403);
    const local = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders({ host: `localhost:${env.http.port}`, origin: `http://localhost:${env.http.port}` }), body: INITIALIZE });
    expect(local.status).toBe(200);
  });

  it('405 for GET and DELETE: stateless, no stream and no session to end', async () => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await raw(`${env.http.url}/mcp`, { method, headers: mcpHeaders() });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    }
  });

  it('answers initialize without a session id header', async () => {
    const answer = await raw(`${env.http.url}/mcp`, { headers: mcpHeaders(), body: INITIALIZE });
    expect(answer.status).toBe(200);
    expect(answer.headers['mcp-session-id']).toBeUndefined();
    expect(answer.body).toContain('"serverInfo"');
    expect((await raw(`${env.http.url}/mcp`, { headers: mcpHeaders(), body: '{not json' })).status).toBe(400);
  });

  it('serves the SDK client: tools, a send, and a customer message arriving through /webhook', async () => {
    const client = await connect(env.http.url);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual([...SANDBOX_TOOLS]);
      const sent = await client.callTool({ name: 'whatsapp_send_template', arguments: { to: '16505551234', template: { name: 'hello_world', language: 'en_US' } } });
      expect(sent.structuredContent).toMatchObject({ status: 'accepted' });
      const sandbox = env.runtime.sandbox;
      await fetch(`${sandbox?.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '16505551234', text: 'Got it, thanks' }) });
      const reply = await client.callTool({ name: 'whatsapp_wait_for_reply', arguments: { from: '16505551234', timeoutSeconds: 20 } });
      expect(reply.structuredContent).toMatchObject({ received: true, messages: [expect.objectContaining({ text: 'Got it, thanks' })] });
    } finally {
      await client.close();
    }
  });

  it('/webhook: handshake with the verify token, 401 on a bad signature, stored on a good one', async () => {
    const { appSecret, verifyToken } = env.runtime.webhookSecrets;
    const handshake = await raw(`${env.http.url}/webhook?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=42`, { method: 'GET' });
    expect(handshake).toMatchObject({ status: 200, body: '42' });
    const payload = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: '100000000000001' }, contacts: [{ wa_id: '447700900123', profile: { name: 'Bo' } }], messages: [{ from: '447700900123', id: 'wamid.HTTP1', timestamp: '1763715600', type: 'text', text: { body: 'hello from Meta' } }] } }] }],
    });
    const bad = await raw(`${env.http.url}/webhook`, { headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookPayload(payload, 'wrong') }, body: payload });
    expect(bad.status).toBe(401);
    expect(env.runtime.inbox.conversation('447700900123', 5)).toBeNull();
    // Meta reaches /webhook through a public name (a tunnel): no Host check and no bearer token there.
    const good = await raw(`${env.http.url}/webhook`, { headers: { host: 'abc.tunnel.example', 'content-type': 'application/json', 'x-hub-signature-256': signWebhookPayload(payload, appSecret ?? '') }, body: payload });
    expect(good.status).toBe(200);
    expect(env.runtime.inbox.conversation('447700900123', 5)?.messages).toEqual([expect.objectContaining({ text: 'hello from Meta' })]);
  });

  it('anything else is 404', async () => {
    expect((await raw(`${env.http.url}/sse`, { method: 'GET' })).status).toBe(404);
  });
});

describe('credentials', () => {
  it('the MCP client\'s bearer token is never forwarded to the provider', async () => {
    const seen: (string | undefined)[] = [];
    const graph: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '123', display_phone_number: '1 555', verified_name: 'Shop' }));
    });
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    const env = await start({ WHATSAPP_PROVIDER: 'cloud', WHATSAPP_ACCESS_TOKEN: 'provider-access-token', WHATSAPP_BASE_URL: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`, WHATSAPP_PHONE_NUMBER_ID: '123' });
    try {
      const client = await connect(env.http.url);
      const result = await client.callTool({ name: 'whatsapp_get_phone_number', arguments: {} });
      expect(result.structuredContent).toMatchObject({ id: '123', verifiedName: 'Shop' });
      await client.close();
      expect(seen).toEqual(['Bearer provider-access-token']);
    } finally {
      await env.close();
      await new Promise<void>((resolve) => graph.close(() => resolve()));
    }
  });
});

describe('/webhook in HTTP mode for providers with unsigned webhooks', () => {
  const WEBHOOK_TOKEN = 'http-test-webhook-token-5a7c';
  const flat = JSON.stringify({
    contacts: [{ profile: { name: 'Kerry' }, wa_id: '16315551234' }],
    messages: [{ from: '16315551234', id: 'ABGGFlA5FpafAgo6EhVTYRRyhYmp', timestamp: '1763715600', type: 'text', text: { body: 'flat hello' } }],
  });

  it('On-Premises: the flat payload is stored only with WHATSAPP_WEBHOOK_TOKEN (?token=), not with the MCP bearer token', async () => {
    const env = await start({
      WHATSAPP_PROVIDER: 'onprem',
      WHATSAPP_ONPREM_BASE_URL: 'https://127.0.0.1:9/v1',
      WHATSAPP_ONPREM_USERNAME: 'admin',
      WHATSAPP_ONPREM_PASSWORD: 'never-used-password',
      WHATSAPP_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
    });
    try {
      expect(env.runtime.inboxSource).toMatch(/with WHATSAPP_WEBHOOK_TOKEN/);
      const headers = { host: 'abc.tunnel.example', 'content-type': 'application/json' };
      expect((await raw(`${env.http.url}/webhook`, { headers, body: flat })).status).toBe(401);
      expect((await raw(`${env.http.url}/webhook?token=${TOKEN}`, { headers, body: flat })).status).toBe(401);
      expect((await raw(`${env.http.url}/webhook`, { headers: { ...headers, authorization: `Bearer ${TOKEN}` }, body: flat })).status).toBe(401);
      expect(env.runtime.inbox.size).toBe(0);
      const good = await raw(`${env.http.url}/webhook?token=${WEBHOOK_TOKEN}`, { headers, body: flat });
      expect(good.status).toBe(200);
      expect(env.runtime.inbox.conversation('16315551234', 5)?.messages).toEqual([expect.objectContaining({ text: 'flat hello' })]);
    } finally {
      await env.close();
    }
  });

  it('ITNIO without WHATSAPP_WEBHOOK_TOKEN: /webhook answers 503 and says which variable to set', async () => {
    const env = await start({
      WHATSAPP_PROVIDER: 'itnio',
      ITNIO_API_KEY: 'never-used-key',
      ITNIO_API_SECRET: 'never-used-secret',
      ITNIO_APP_ID: 'DGziZf5u',
      ITNIO_BUSINESS_PHONE: '15550000001',
      ITNIO_BASE_URL: 'https://127.0.0.1:9',
    });
    try {
      const answer = await raw(`${env.http.url}/webhook`, { headers: { 'content-type': 'application/json' }, body: '{"msgId":"1"}' });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatch(/WHATSAPP_WEBHOOK_TOKEN/);
      expect(env.runtime.inboxSource).toMatch(/no webhook receiver/);
    } finally {
      await env.close();
    }
  });
});
