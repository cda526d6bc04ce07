import { request as httpRequest } from 'node:http';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';

interface RawReply {
  status: number;
  body: string;
}

/** A request with exactly these headers (fetch would not let a test forge Host). */
function raw(sandbox: RunningSandbox, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawReply> {
  const url = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, setHost: !('Host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const INBOUND = JSON.stringify({ from: '15552220000', text: 'I am a fake customer' });

/**
 * The control API has no token: a web page the user opens must not be able to inject customers
 * (cross-site `text/plain` or bodiless POSTs, DNS rebinding with a foreign Host).
 */
describe('control API: only this machine, only JSON', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  const inboxSize = async (): Promise<number> => {
    const reply = await raw(sandbox, 'GET', '/_sandbox/webhooks', {});
    return (JSON.parse(reply.body) as { data: unknown[] }).data.length;
  };
  const messagesLogged = async (): Promise<number> => {
    const reply = await fetch(`${sandbox.url}/_sandbox/messages`);
    return ((await reply.json()) as { data: unknown[] }).data.length;
  };

  it('refuses a cross-site text/plain POST (no preflight needed for it) with 415, storing nothing', async () => {
    const before = await inboxSize();
    const reply = await raw(sandbox, 'POST', '/_sandbox/inbound', { 'Content-Type': 'text/plain;charset=UTF-8' }, INBOUND);
    expect(reply.status).toBe(415);
    expect(JSON.parse(reply.body)).toEqual({ error: { message: "Content-Type: must be application/json (got 'text/plain;charset=UTF-8')" } });
    expect(await inboxSize()).toBe(before);
  });

  it.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('refuses the other form content type %s', async (contentType) => {
    expect((await raw(sandbox, 'POST', '/_sandbox/inbound', { 'Content-Type': contentType }, INBOUND)).status).toBe(415);
  });

  it('refuses a body without a Content-Type', async () => {
    expect((await raw(sandbox, 'POST', '/_sandbox/inbound', {}, INBOUND)).status).toBe(415);
  });

  it.each(['evil.example:8089', 'rebind.attacker.test', '192.0.2.10'])('refuses a foreign Host (%s), for reads too', async (host) => {
    const post = await raw(sandbox, 'POST', '/_sandbox/inbound', { Host: host, 'Content-Type': 'application/json' }, INBOUND);
    expect(post.status).toBe(403);
    expect(post.body).toContain('Host: the control API answers only requests addressed to this machine');
    expect((await raw(sandbox, 'GET', '/_sandbox/messages', { Host: host })).status).toBe(403);
  });

  it('refuses a request without a Host', async () => {
    expect((await raw(sandbox, 'GET', '/_sandbox/messages', { Host: '' })).status).toBe(403);
  });

  it("refuses a bodiless POST a page sends cross-site (its Origin names the page's site)", async () => {
    await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: INBOUND });
    const before = await inboxSize();
    const reply = await raw(sandbox, 'POST', '/_sandbox/reset', { Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect((await raw(sandbox, 'POST', '/_sandbox/reset', { Origin: 'null' })).status).toBe(403);
    expect(await inboxSize()).toBe(before);
  });

  it.each(['localhost', '127.0.0.1', '[::1]', '127.0.0.1:8089'])('accepts the loopback Host %s with a JSON body', async (host) => {
    const reply = await raw(sandbox, 'POST', '/_sandbox/inbound', { Host: host, 'Content-Type': 'application/json; charset=utf-8' }, INBOUND);
    expect(reply.status).toBe(200);
  });

  it('keeps working for the callers in this repository: fetch with content-type application/json, bodiless reset, GETs', async () => {
    const sent = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: INBOUND });
    expect(sent.status).toBe(200);
    expect((await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' })).status).toBe(200);
    expect(await messagesLogged()).toBe(0);
    const sameOrigin = await raw(sandbox, 'POST', '/_sandbox/reset', { Origin: sandbox.url });
    expect(sameOrigin.status).toBe(200);
  });

  it('does not guard the Graph API, which has its token', async () => {
    const reply = await raw(sandbox, 'GET', `/v23.0/${sandbox.phoneNumberId}`, { Host: 'graph.example', Authorization: `Bearer ${sandbox.token}` });
    expect(reply.status).toBe(200);
  });
});

describe('control API: the publicHost option', () => {
  it('also accepts the configured public host name, and nothing else', async () => {
    const sandbox = await startSandbox({ port: 0, publicHost: 'Sandbox' });
    try {
      expect((await raw(sandbox, 'POST', '/_sandbox/inbound', { Host: 'sandbox:8089', 'Content-Type': 'application/json' }, INBOUND)).status).toBe(200);
      expect((await raw(sandbox, 'POST', '/_sandbox/inbound', { Host: 'other:8089', 'Content-Type': 'application/json' }, INBOUND)).status).toBe(403);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a public host with a scheme or port, naming the option', async () => {
    await expect(startSandbox({ port: 0, publicHost: 'http://sandbox:8089' })).rejects.toThrow(/^publicHost must be a host name/);
  });
});

describe('control API: malformed paths', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it.each(['%E0%A4%A', '%', '%zz'])('a bad percent-encoding in a template id (%s) is a 400 naming it, not a 500', async (id) => {
    const reply = await raw(sandbox, 'POST', `/_sandbox/templates/${id}/status`, { 'Content-Type': 'application/json' }, JSON.stringify({ status: 'APPROVED' }));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ error: { message: `templates/${id}: the template id is not valid percent-encoding` } });
  });

  it('a request target that is not a valid URL relative to the server is a 404, not a 500', async () => {
    const reply = await raw(sandbox, 'GET', '//[', {});
    expect(reply.status).not.toBe(500);
  });
});
