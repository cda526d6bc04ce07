import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxConfig } from 'whatsapp-sandbox';
import { onPremBannerLines } from '../../sandbox/flavors/onprem/banner';
import { resolveOptions } from '../../sandbox/runtime/options';
import { PNG_BYTES } from '../fixtures/media-bytes';

const USERNAME = 'wa-admin';
const PASSWORD = 'Sandbox-Pa55word!';
const CUSTOMER = '15551234567';

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

interface ErrorBody {
  meta: { api_status: string; version: string };
  errors: { code: number; title: string; details: string; href: string }[];
}

const basic = (username: string, password: string): string => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

async function call(sandbox: RunningSandbox, method: string, path: string, options: { auth?: string | null; json?: unknown; raw?: Buffer; contentType?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = options.auth;
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    body = options.raw;
  }
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : { text };
  return { status: response.status, headers: response.headers, body: json };
}

async function login(sandbox: RunningSandbox, password = PASSWORD, json?: unknown): Promise<Reply> {
  return call(sandbox, 'POST', '/v1/users/login', { auth: basic(USERNAME, password), json });
}

async function bearer(sandbox: RunningSandbox): Promise<string> {
  const reply = await login(sandbox);
  expect(reply.status).toBe(200);
  return `Bearer ${(reply.body.users as { token: string }[])[0].token}`;
}

const errorOf = (reply: Reply): ErrorBody['errors'][number] => (reply.body as unknown as ErrorBody).errors[0];

describe('onprem flavor: login and tokens', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: PASSWORD, loginTtlMs: 200 });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('answers a Basic login with a token and expires_after in the client\'s format', async () => {
    const before = Date.now();
    const reply = await login(sandbox);
    expect(reply.status).toBe(200);
    const [user] = reply.body.users as { token: string; expires_after: string }[];
    expect(user.token.length).toBeGreaterThan(20);
    expect(user.expires_after).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    const expires = Date.parse(user.expires_after.replace(' ', 'T'));
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(reply.body.meta).toEqual({ api_status: 'stable', version: expect.any(String) });
  });

  it('refuses wrong credentials with 401 / 1005, never echoing them', async () => {
    for (const reply of [await login(sandbox, 'Wrong-Pa55!'), await call(sandbox, 'POST', '/v1/users/login', { auth: basic('intruder', PASSWORD) })]) {
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toMatchObject({ code: 1005, title: 'Access denied' });
      expect(JSON.stringify(reply.body)).not.toContain('Wrong-Pa55!');
      expect(JSON.stringify(reply.body)).not.toContain('intruder');
      expect(JSON.stringify(reply.body)).not.toContain(PASSWORD);
    }
    const none = await call(sandbox, 'POST', '/v1/users/login');
    expect(none.status).toBe(401);
    expect(errorOf(none).details).toContain('Basic');
  });

  it('requires a valid, unexpired Bearer token everywhere else', async () => {
    expect((await call(sandbox, 'GET', '/v1/health')).status).toBe(401);
    expect(errorOf(await call(sandbox, 'GET', '/v1/health', { auth: 'Bearer made-up' })).details).toContain('not valid');
    const token = await bearer(sandbox);
    expect((await call(sandbox, 'GET', '/v1/health', { auth: token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const expired = await call(sandbox, 'GET', '/v1/health', { auth: token });
    expect(expired.status).toBe(401);
    expect(errorOf(expired).details).toContain('expired');
  });

  it('logout ends the token', async () => {
    const token = await bearer(sandbox);
    expect((await call(sandbox, 'POST', '/v1/users/logout', { auth: token })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/health', { auth: token })).status).toBe(401);
  });

  it('answers unknown paths with 404 / 1006', async () => {
    const token = await bearer(sandbox);
    const reply = await call(sandbox, 'GET', '/v1/groups', { auth: token });
    expect(reply.status).toBe(404);
    expect(errorOf(reply).code).toBe(1006);
    expect((await call(sandbox, 'GET', '/v23.0/100000000000001')).status).toBe(404);
  });
});

describe('onprem flavor: first login of a fresh client (password "secret")', () => {
  it('refuses with 1024 until a new password is set; then only the new one works', async () => {
    const sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: 'secret' });
    try {
      const first = await login(sandbox, 'secret');
      expect(first.status).toBe(401);
      expect(errorOf(first)).toMatchObject({ code: 1024, title: 'Password change required' });
      const weak = await login(sandbox, 'secret', { new_password: 'short' });
      expect(weak.status).toBe(400);
      expect(errorOf(weak)).toMatchObject({ code: 1009 });
      expect(JSON.stringify(weak.body)).not.toContain('short"');
      expect((await login(sandbox, 'secret', { new_password: PASSWORD })).status).toBe(200);
      expect((await login(sandbox, 'secret')).status).toBe(401);
      expect((await login(sandbox, PASSWORD)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('onprem flavor: start-up', () => {
  it('reports "connecting" and answers 1011 (HTTP 503) during startupDelayMs, then "connected"', async () => {
    const sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: PASSWORD, startupDelayMs: 400 });
    try {
      const token = await bearer(sandbox);
      const health = await call(sandbox, 'GET', '/v1/health', { auth: token });
      expect(health.body.health).toEqual({ gateway_status: 'connecting' });
      const send = await call(sandbox, 'POST', '/v1/messages', { auth: token, json: { to: CUSTOMER, type: 'text', text: { body: 'x' } } });
      expect(send.status).toBe(503);
      expect(errorOf(send)).toMatchObject({ code: 1011, title: 'Service not ready' });
      let status = 'connecting';
      while (status !== 'connected') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = ((await call(sandbox, 'GET', '/v1/health', { auth: token })).body.health as { gateway_status: string }).gateway_status;
      }
      expect((await call(sandbox, 'GET', '/v1/settings/application', { auth: token })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('onprem flavor: API', () => {
  let sandbox: RunningSandbox;
  let token: string;
  const log: string[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: PASSWORD, log: (line) => log.push(line) });
    token = await bearer(sandbox);
    await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, text: 'Hi' }) });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const send = (json: unknown): Promise<Reply> => call(sandbox, 'POST', '/v1/messages', { auth: token, json });

  it('sends in the On-Premises dialect and answers {messages:[{id}]} with a non-wamid id', async () => {
    const reply = await send({ recipient_type: 'individual', to: `+${CUSTOMER}`, type: 'text', preview_url: true, text: { body: 'https://example.com' } });
    expect(reply.status).toBe(200);
    const [message] = reply.body.messages as { id: string }[];
    expect(message.id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(message.id).not.toMatch(/^wamid/);
    expect(reply.body).not.toHaveProperty('messaging_product');
  });

  it('refuses the Cloud dialect: messaging_product, text.preview_url, biz_opaque_callback_data (1010)', async () => {
    for (const body of [
      { messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: 'x' } },
      { to: CUSTOMER, type: 'text', text: { body: 'x', preview_url: true } },
      { to: CUSTOMER, type: 'text', text: { body: 'x' }, biz_opaque_callback_data: 'r' },
    ]) {
      const reply = await send(body);
      expect(reply.status).toBe(400);
      expect(errorOf(reply).code).toBe(1010);
    }
  });

  it('applies the Cloud flavor\'s content rules in its own codes', async () => {
    const long = await send({ to: CUSTOMER, type: 'text', text: { body: 'x'.repeat(4097) } });
    expect(errorOf(long)).toMatchObject({ code: 1009, details: expect.stringContaining('text.body') });
    const missing = await send({ to: CUSTOMER, type: 'text' });
    expect(errorOf(missing)).toMatchObject({ code: 1008 });
    const reaction = await send({ to: CUSTOMER, type: 'reaction', reaction: { message_id: 'x', emoji: '👍' } });
    expect(errorOf(reaction).code).toBe(1009);
    const preview = await send({ to: CUSTOMER, type: 'image', preview_url: true, image: { link: 'https://example.com/a.png' } });
    expect(errorOf(preview).details).toContain('preview_url');
    const voice = await send({ to: CUSTOMER, type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true } });
    expect(errorOf(voice)).toMatchObject({ code: 1010, details: expect.stringContaining('audio.voice') });
    const ctaUrl = await send({
      to: CUSTOMER,
      type: 'interactive',
      interactive: { type: 'cta_url', body: { text: 'Visit' }, action: { name: 'cta_url', parameters: { display_text: 'Go', url: 'https://example.com' } } },
    });
    expect(errorOf(ctaUrl)).toMatchObject({ code: 1009, details: expect.stringContaining('interactive.type') });
  });

  it('templates need a namespace and the deterministic policy; unknown templates are 2001', async () => {
    const ok = await send({ to: CUSTOMER, type: 'template', template: { namespace: 'ns_1', name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } } });
    expect(ok.status).toBe(200);
    const noNamespace = await send({ to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } } });
    expect(errorOf(noNamespace)).toMatchObject({ code: 1008, details: expect.stringContaining('template.namespace') });
    const fallback = await send({ to: CUSTOMER, type: 'template', template: { namespace: 'ns_1', name: 'hello_world', language: { policy: 'fallback', code: 'en_US' } } });
    expect(errorOf(fallback).details).toContain('deterministic');
    const unknown = await send({ to: CUSTOMER, type: 'template', template: { namespace: 'ns_1', name: 'no_such_template', language: { policy: 'deterministic', code: 'en_US' } } });
    expect(errorOf(unknown).code).toBe(2001);
    const hsm = await send({ to: CUSTOMER, type: 'hsm', hsm: { namespace: 'ns_1', element_name: 'hello_world' } });
    expect(errorOf(hsm).details).toContain('hsm');
  });

  it('stores raw media under UUIDs, serves it back, sends it by id and deletes it', async () => {
    const upload = await call(sandbox, 'POST', '/v1/media', { auth: token, raw: PNG_BYTES, contentType: 'image/png' });
    expect(upload.status).toBe(200);
    const [{ id }] = upload.body.media as { id: string }[];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const download = await fetch(`${sandbox.url}/v1/media/${id}`, { headers: { authorization: token } });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    expect((await send({ to: CUSTOMER, type: 'image', image: { id } })).status).toBe(200);
    expect((await send({ to: CUSTOMER, type: 'video', video: { id } })).status).toBe(400);
    expect((await call(sandbox, 'DELETE', `/v1/media/${id}`, { auth: token })).status).toBe(200);
    const gone = await call(sandbox, 'GET', `/v1/media/${id}`, { auth: token });
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe(1006);
    const badType = await call(sandbox, 'POST', '/v1/media', { auth: token, raw: Buffer.from('x'), contentType: 'application/x-shellscript' });
    expect(errorOf(badType).code).toBe(1009);
    const noType = await call(sandbox, 'POST', '/v1/media', { auth: token, raw: PNG_BYTES });
    expect(errorOf(noType).code).toBe(1008);
  });

  it('marks received messages read (PUT) and refuses unknown ids with 1006', async () => {
    const inbound = (await (await fetch(`${sandbox.url}/_sandbox/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: CUSTOMER, text: 'read me' }),
    })).json()) as { messageId: string };
    expect(inbound.messageId).not.toMatch(/^wamid/);
    expect((await call(sandbox, 'PUT', `/v1/messages/${inbound.messageId}`, { auth: token, json: { status: 'read' } })).status).toBe(200);
    const unknown = await call(sandbox, 'PUT', '/v1/messages/nope', { auth: token, json: { status: 'read' } });
    expect(unknown.status).toBe(404);
    const bad = await call(sandbox, 'PUT', `/v1/messages/${inbound.messageId}`, { auth: token, json: { status: 'unread' } });
    expect(errorOf(bad).code).toBe(1009);
  });

  it('keeps the business profile at settings.business.profile (all five fields required) and About at settings.profile.about', async () => {
    const profile = await call(sandbox, 'GET', '/v1/settings/business/profile', { auth: token });
    expect(profile.body.settings).toEqual({ business: { profile: { address: expect.any(String), description: expect.any(String), email: expect.any(String), vertical: expect.any(String), websites: expect.any(Array) } } });
    const partial = await call(sandbox, 'POST', '/v1/settings/business/profile', { auth: token, json: { address: 'Only this' } });
    expect(errorOf(partial)).toMatchObject({ code: 1008 });
    const full = { address: 'Main St 1', description: 'Lab', email: 'lab@example.com', vertical: 'OTHER', websites: ['https://example.com/'] };
    expect((await call(sandbox, 'POST', '/v1/settings/business/profile', { auth: token, json: full })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/settings/business/profile', { auth: token })).body.settings).toEqual({ business: { profile: full } });
    expect((await call(sandbox, 'PATCH', '/v1/settings/profile/about', { auth: token, json: { text: 'Open 9-5' } })).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/settings/profile/about', { auth: token })).body.settings).toEqual({ profile: { about: { text: 'Open 9-5' } } });
    expect(errorOf(await call(sandbox, 'PATCH', '/v1/settings/profile/about', { auth: token, json: { text: 'x'.repeat(140) } })).code).toBe(1009);
  });

  it('registers: 201 for its own number, 202 + vname and a logged code for another; verify checks the code', async () => {
    const cert = Buffer.from('cert').toString('base64');
    expect((await call(sandbox, 'POST', '/v1/account', { auth: token, json: { cc: '1', phone_number: '5550000001', method: 'sms', cert } })).status).toBe(201);
    expect(errorOf(await call(sandbox, 'POST', '/v1/account/verify', { auth: token, json: { code: '123456' } })).details).toContain('no registration code');
    const requested = await call(sandbox, 'POST', '/v1/account', { auth: token, json: { cc: '44', phone_number: '7700900123', method: 'voice', cert } });
    expect(requested.status).toBe(202);
    expect(requested.body.account).toEqual([{ vname: 'WhatsApp Sandbox' }]);
    const code = /registration code for \+447700900123: (\d{6})$/.exec(log.find((line) => line.includes('registration code')) ?? '')?.[1];
    expect(code).toBeDefined();
    expect((await call(sandbox, 'POST', '/v1/account/verify', { auth: token, json: { code } })).status).toBe(201);
    expect(errorOf(await call(sandbox, 'POST', '/v1/account', { auth: token, json: { cc: '1', phone_number: '555', method: 'fax', cert } })).code).toBe(1009);
  });

  it('checks contacts: no_wait answers new numbers "processing" first; 0000 numbers are invalid', async () => {
    const contacts = ['+1 (516) 283-7151', '15550000000', '12'];
    const first = await call(sandbox, 'POST', '/v1/contacts', { auth: token, json: { contacts } });
    expect(first.body.contacts).toEqual([
      { input: '+1 (516) 283-7151', status: 'processing' },
      { input: '15550000000', status: 'processing' },
      { input: '12', status: 'invalid' },
    ]);
    const second = await call(sandbox, 'POST', '/v1/contacts', { auth: token, json: { contacts, blocking: 'no_wait' } });
    expect(second.body.contacts).toEqual([
      { input: '+1 (516) 283-7151', status: 'valid', wa_id: '15162837151' },
      { input: '15550000000', status: 'invalid' },
      { input: '12', status: 'invalid' },
    ]);
  });

  it('keeps application settings: GET nested as settings.application, PATCH merges, DELETE resets', async () => {
    const before = await call(sandbox, 'GET', '/v1/settings/application', { auth: token });
    expect(before.body.settings).toMatchObject({ application: { webhooks: { max_concurrent_requests: 6, message: { sent: false, delivered: true, read: true } } } });
    const patch = await call(sandbox, 'PATCH', '/v1/settings/application', { auth: token, json: { webhooks: { url: 'https://hooks.example.com/wa', message: { sent: true } }, callback_backoff_delay_ms: '4000' } });
    expect(patch.status).toBe(200);
    const after = (await call(sandbox, 'GET', '/v1/settings/application', { auth: token })).body.settings as { application: Record<string, unknown> };
    expect(after.application).toMatchObject({ callback_backoff_delay_ms: 4000, webhooks: { url: 'https://hooks.example.com/wa', max_concurrent_requests: 6, message: { sent: true, delivered: true, read: true } } });
    expect(errorOf(await call(sandbox, 'PATCH', '/v1/settings/application', { auth: token, json: { webhooks: { max_concurrent_requests: 7 } } })).code).toBe(1009);
    expect(errorOf(await call(sandbox, 'PATCH', '/v1/settings/application', { auth: token, json: { colour: 'blue' } })).code).toBe(1010);
    expect((await call(sandbox, 'DELETE', '/v1/settings/application', { auth: token })).status).toBe(200);
    const reset = (await call(sandbox, 'GET', '/v1/settings/application', { auth: token })).body.settings as { application: { webhooks: Record<string, unknown> } };
    expect(reset.application.webhooks).not.toHaveProperty('url');
  });
});

describe('onprem flavor: banner', () => {
  const config = (overrides: Parameters<typeof resolveOptions>[0] = {}): SandboxConfig => resolveOptions({ flavor: 'onprem', ...overrides });

  it('shows the /v1 base, the username, the default password and a login example', () => {
    const lines = onPremBannerLines('http://127.0.0.1:8089', config());
    const text = lines.join('\n');
    expect(text).toContain('http://127.0.0.1:8089/v1');
    expect(text).toContain('admin');
    expect(text).toContain('sandbox-password');
    expect(text).toContain("curl -s -X POST http://127.0.0.1:8089/v1/users/login -u 'admin:sandbox-password'");
    expect(text).toContain('valid 7 days');
  });

  it('never prints a password the user chose, and adds -k for HTTPS', () => {
    const text = onPremBannerLines('https://127.0.0.1:9090', config({ username: 'ops', password: 'My-Real-Pa55!', startupDelayMs: 5000 })).join('\n');
    expect(text).not.toContain('My-Real-Pa55!');
    expect(text).toContain("curl -s -k -X POST https://127.0.0.1:9090/v1/users/login -u 'ops:<your --password>'");
    expect(text).toContain('for 5 s after start');
  });

  it('explains the factory password', () => {
    expect(onPremBannerLines('http://127.0.0.1:1', config({ password: 'secret' })).join('\n')).toContain('new_password');
  });
});
