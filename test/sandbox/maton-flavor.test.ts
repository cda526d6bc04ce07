import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';
import { matonBannerLines } from '../../sandbox/flavors/maton/banner';
import { resolveOptions } from '../../sandbox/runtime/options';

const KEY = 'maton-sandbox-key-a1b2c3d4e5';
const INITIAL = '5a4d1b0e-0000-4000-8000-000000000001';

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

let sandbox: RunningSandbox;

async function call(method: string, path: string, options: { key?: string | null; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** Maton's own error: `{error: {type, message}}`, no numeric code (unlike Graph's envelope). */
function expectMatonError(reply: Reply, status: number, message: RegExp): void {
  expect(reply.status).toBe(status);
  const error = reply.body.error as { type: string; message: string; code?: unknown };
  expect(error.message).toMatch(message);
  expect(typeof error.type).toBe('string');
  expect(error.code).toBeUndefined();
}

const phonePath = () => `/whatsapp-business/v23.0/${sandbox.phoneNumberId}`;

async function restart(options: SandboxOptions = {}): Promise<void> {
  await sandbox?.close();
  sandbox = await startSandbox({ port: 0, flavor: 'maton', token: KEY, gatewayRps: 0, ...options });
}

afterEach(async () => {
  await sandbox?.close();
});

describe('maton flavor: the API key', () => {
  beforeEach(() => restart());

  it.each([
    ['no Authorization header', null, {}],
    ['a wrong key', 'maton-wrong-key-000000', {}],
    ['the key as a query parameter (Graph style)', null, { query: true }],
  ])('refuses %s with a Maton-style 401 that never echoes the key', async (_name, key, how) => {
    const path = 'query' in how ? `${phonePath()}?access_token=${KEY}` : phonePath();
    const reply = await call('GET', path, { key });
    expectMatonError(reply, 401, /Invalid or missing API key/);
    expect(JSON.stringify(reply.body)).not.toContain('maton-wrong-key-000000');
    expect(JSON.stringify(reply.body)).not.toContain(KEY);
  });

  it('the connection API needs the key too', async () => {
    expectMatonError(await call('GET', '/connections', { key: null }), 401, /API key/);
    expectMatonError(await call('POST', '/connections', { key: 'nope-nope-nope', body: { app: 'whatsapp-business' } }), 401, /API key/);
  });
});

describe('maton flavor: the gateway', () => {
  beforeEach(() => restart());

  it('serves Graph paths under /whatsapp-business with the key alone (the gateway injects the Meta token)', async () => {
    const reply = await call('GET', `${phonePath()}?fields=id,display_phone_number`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: sandbox.phoneNumberId });
  });

  it("passes Meta's Graph errors through unchanged (numeric code)", async () => {
    const reply = await call('POST', `${phonePath()}/messages`, { body: { messaging_product: 'whatsapp', to: '16505551234', type: 'text' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: expect.any(Number), type: 'OAuthException' });
  });

  it('a path without the app prefix is a Maton error saying where paths start', async () => {
    const reply = await call('GET', `/v23.0/${sandbox.phoneNumberId}`);
    expectMatonError(reply, 404, /must start with \/whatsapp-business\//);
  });

  it('Maton-Connection: known and ACTIVE works; unknown is a 400 naming it', async () => {
    expect((await call('GET', phonePath(), { headers: { 'Maton-Connection': INITIAL } })).status).toBe(200);
    expectMatonError(await call('GET', phonePath(), { headers: { 'Maton-Connection': 'no-such-connection' } }), 400, /Connection no-such-connection not found/);
  });

  it('without Maton-Connection the oldest ACTIVE connection is used; with none ACTIVE it is a 400', async () => {
    const created = (await call('POST', '/connections', { body: { app: 'whatsapp-business' } })).body.connection as { connection_id: string; url: string };
    expect((await call('DELETE', `/connections/${INITIAL}`)).status).toBe(200);
    expectMatonError(await call('GET', phonePath()), 400, /No ACTIVE whatsapp-business connection/);
    expectMatonError(await call('GET', phonePath(), { headers: { 'Maton-Connection': created.connection_id } }), 400, /PENDING, not ACTIVE/);
    expect((await fetch(created.url)).status).toBe(200);
    expect((await call('GET', phonePath())).status).toBe(200);
  });

  it('the control API (/_sandbox) keeps working beside the flavor', async () => {
    const inbound = await call('POST', '/_sandbox/inbound', { key: null, body: { from: '16505551234', text: 'hi' } });
    expect(inbound.status).toBe(200);
    const sent = await call('POST', `${phonePath()}/messages`, { body: { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'Hello' } } });
    expect(sent.status).toBe(200);
    const log = await call('GET', '/_sandbox/messages', { key: null });
    expect((log.body.data as unknown[]).length).toBe(1);
  });
});

describe('maton flavor: the rate limit per key', () => {
  it('answers 429 with Retry-After above gatewayRps requests per second, gateway and connection API together', async () => {
    await restart({ gatewayRps: 3 });
    const replies = [];
    for (const path of [phonePath(), '/connections', phonePath(), phonePath()]) replies.push(await call('GET', path));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 429]);
    expectMatonError(replies[3], 429, /3 requests per second per account/);
    expect(replies[3].headers.get('retry-after')).toBe('1');
  });

  it('does not count refused requests (a wrong key) and has no limit with gatewayRps 0', async () => {
    await restart({ gatewayRps: 1 });
    expect((await call('GET', phonePath(), { key: 'wrong-key-xyz' })).status).toBe(401);
    expect((await call('GET', phonePath())).status).toBe(200);
    await restart({ gatewayRps: 0 });
    const statuses = await Promise.all(Array.from({ length: 25 }, () => call('GET', phonePath()).then((reply) => reply.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});

describe('maton flavor: the connection API', () => {
  beforeEach(() => restart());

  it('lists the starting ACTIVE connection in Maton\'s shape, with app and status filters', async () => {
    const all = await call('GET', '/connections');
    expect(all.status).toBe(200);
    expect(all.body.connections).toEqual([
      {
        connection_id: INITIAL,
        status: 'ACTIVE',
        creation_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        last_updated_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        url: `${sandbox.url}/_maton/authorize?connection=${INITIAL}`,
        app: 'whatsapp-business',
        method: 'OAUTH2',
        metadata: {},
      },
    ]);
    expect((await call('GET', '/connections?status=PENDING')).body.connections).toEqual([]);
    expect((await call('GET', '/connections?app=slack')).body.connections).toEqual([]);
    expect((await call('GET', '/connections?app=whatsapp-business&status=ACTIVE')).body.connections).toHaveLength(1);
  });

  it('create (PENDING + url), authorize by opening the url, get (ACTIVE), delete, then 404', async () => {
    const created = await call('POST', '/connections', { body: { app: 'whatsapp-business' } });
    expect(created.status).toBe(200);
    const connection = created.body.connection as Record<string, string>;
    expect(connection).toMatchObject({ status: 'PENDING', app: 'whatsapp-business' });
    expect(connection.connection_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(connection.url).toBe(`${sandbox.url}/_maton/authorize?connection=${connection.connection_id}`);
    expect((await call('GET', '/connections?status=PENDING')).body.connections).toHaveLength(1);

    const page = await fetch(connection.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('authorized');

    const got = await call('GET', `/connections/${connection.connection_id}`);
    expect(got.body.connection).toMatchObject({ connection_id: connection.connection_id, status: 'ACTIVE' });
    expect((await call('DELETE', `/connections/${connection.connection_id}`)).status).toBe(200);
    expectMatonError(await call('GET', `/connections/${connection.connection_id}`), 404, /not found/);
    expectMatonError(await call('DELETE', `/connections/${connection.connection_id}`), 404, /not found/);
    expect((await fetch(connection.url)).status).toBe(404);
  });

  it.each([
    ['no body', undefined, /JSON object/],
    ['no app', {}, /app: required/],
    ['an app name with spaces', { app: 'WhatsApp Business' }, /app: required/],
  ])('refuses a create with %s (400)', async (_name, body, message) => {
    expectMatonError(await call('POST', '/connections', { body }), 400, message);
  });

  it('answers 405 for other methods, and the authorize page only opens with GET', async () => {
    const put = await call('PUT', '/connections', { body: {} });
    expectMatonError(put, 405, /not allowed/);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expectMatonError(await call('POST', `/connections/${INITIAL}`, { body: {} }), 405, /not allowed/);
    expect((await fetch(`${sandbox.url}/_maton/authorize?connection=${INITIAL}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${sandbox.url}/_maton/authorize?connection=unknown`)).status).toBe(404);
  });
});

describe('maton flavor: the CLI banner', () => {
  it('shows the gateway base, the API key, the connection id and a curl example', () => {
    const config = resolveOptions({ flavor: 'maton', token: KEY, connectionId: 'conn-banner-1', gatewayRps: 10 });
    const text = matonBannerLines('http://127.0.0.1:8089', config).join('\n');
    expect(text).toContain('http://127.0.0.1:8089/whatsapp-business/v23.0');
    expect(text).toContain(`Maton API key     ${KEY}`);
    expect(text).toContain('conn-banner-1');
    expect(text).toContain('http://127.0.0.1:8089/connections');
    expect(text).toContain('10 requests/s per API key');
    expect(text).toMatch(/curl -s -X POST http:\/\/127\.0\.0\.1:8089\/whatsapp-business\/v23\.0\/100000000000001\/messages/);
    expect(matonBannerLines('http://x', resolveOptions({ flavor: 'maton', gatewayRps: 0 })).join('\n')).toContain('Rate limit        unlimited');
  });
});

describe('reset', () => {
  beforeEach(() => restart());

  test('POST /_sandbox/reset brings the connections back to the configured ACTIVE one', async () => {
    const created = await call('POST', '/connections', { body: { app: 'whatsapp-business' } });
    expect(created.status).toBe(200);
    const before = await call('GET', '/connections');
    expect((before.body.connections as unknown[]).length).toBeGreaterThan(1);
    const reset = await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    const after = await call('GET', '/connections');
    expect((after.body.connections as { connection_id: string }[]).map((connection) => connection.connection_id)).toEqual([INITIAL]);
  });
});
