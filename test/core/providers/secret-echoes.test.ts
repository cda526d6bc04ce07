/**
 * Servers and HTTP clients sometimes repeat what they were sent: a proxy's error page with the
 * request headers, an error detail with the Authorization value, an HTTP client whose error message
 * lists the request. Whatever form a credential takes on the wire (the On-Premises Basic value and
 * login token, ITNIO's per-request Sign), it must not come back in an error.
 */
import { inspect } from 'node:util';
import { basicCredentials, createItnioProvider, createOnPremProvider, operations, WhatsAppApiError } from 'whatsapp-business-core';
import type { TransportRequest } from 'whatsapp-business-core';
import { createRedactor } from '../../../core/redact';
import { recordingClock } from '../../helpers/recording-clock';
import { json, raw, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';
import { API_KEY, API_SECRET, APP_ID, BUSINESS_PHONE, fakeTransport, steppingClock } from './itnio-fake-transport';
import { thrown } from './onprem-helpers';

const USERNAME = 'echo-admin';
const PASSWORD = 'Echo-Pa55word!';
const BASIC = Buffer.from(`${USERNAME}:${PASSWORD}`, 'utf8').toString('base64');
const TOKEN = 'echoed-login-token-5c1e9a7b3d';
const META = { api_status: 'stable', version: 'v2.41.2' };

/** Every place a secret could leak from an error. */
function surfaces(error: Error & Record<string, unknown>): string[] {
  return [error.message, String(error.hint), String(error.title), String(error.details), JSON.stringify(error), inspect(error, { depth: 8 }), String(error.stack)];
}

function expectNone(error: Error & Record<string, unknown>, secrets: readonly string[]): void {
  for (const surface of surfaces(error)) for (const secret of secrets) expect(surface).not.toContain(secret);
}

describe('On-Premises: the Basic value and the login token are redacted wherever they are echoed', () => {
  let server: ScriptedServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const provider = (url: string) =>
    createOnPremProvider({ provider: 'onprem', baseUrl: url, username: USERNAME, password: PASSWORD, readinessTimeoutMs: 0, retry: { maxRetries: 0 }, clock: recordingClock() });

  it('exports the base64 form the login sends', () => {
    expect(basicCredentials(USERNAME, PASSWORD)).toBe(BASIC);
  });

  it('a login error whose details repeat the Authorization value, bare and with its scheme', async () => {
    server = await startScriptedServer([
      json(401, { meta: META, errors: [{ code: 1005, title: `Access denied for ${BASIC}`, details: `Authorization: Basic ${BASIC} / credentials ${BASIC}` }] }),
    ]);
    const error = await thrown(operations['account.getHealth'].run(provider(server.url), {}));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ httpStatus: 401, metaCode: 1005, retryable: false });
    expect(error.message).toContain('[redacted]');
    expectNone(error, [BASIC, PASSWORD]);
  });

  it('a proxy page that lists the request headers, token and Basic value included', async () => {
    const login: Step = json(200, { users: [{ token: TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }], meta: META });
    const page = `<html><title>502 ${BASIC}</title><body>Authorization: Bearer ${TOKEN} (after login with ${BASIC}) token=${TOKEN}</body></html>`;
    server = await startScriptedServer([login, raw(502, 'text/html', page)]);
    const error = await thrown(operations['account.getHealth'].run(provider(server.url), {}));
    expect(error).toMatchObject({ kind: 'api', httpStatus: 502 });
    expectNone(error, [BASIC, PASSWORD, TOKEN]);
  });
});

describe('createRedactor', () => {
  it('replaces the longer of two nested secrets whole, whatever order they are given in', () => {
    const outer = 'QUJDREVGR0hJSktMTU5PUA==';
    const inner = 'REVGR0hJ';
    for (const secrets of [[inner, outer], [outer, inner]]) {
      const out = createRedactor(secrets)(`a ${outer} and ${inner}`);
      expect(out).toBe('a [redacted] and [redacted]');
    }
  });
});

describe('On-Premises login: bounded, and not repeated for every call', () => {
  let server: ScriptedServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const logins = (s: ScriptedServer): number => s.requests.filter((r) => r.url === '/v1/users/login').length;
  const others = (s: ScriptedServer): number => s.requests.filter((r) => r.url !== '/v1/users/login').length;

  it('a client that refuses every token: one fresh login, then a clear error, for a send too (no loop)', async () => {
    const login: Step = json(200, { users: [{ token: TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }], meta: META });
    const refused: Step = json(401, { meta: META, errors: [{ code: 1005, title: 'Access denied' }] });
    server = await startScriptedServer([(req, res, body) => (req.url === '/v1/users/login' ? login : refused)(req, res, body)]);
    const onprem = createOnPremProvider({ provider: 'onprem', baseUrl: server.url, username: USERNAME, password: PASSWORD, readinessTimeoutMs: 0, clock: recordingClock() });
    const error = await thrown(operations['message.send'].run(onprem, { to: '15551234567', type: 'text', text: { body: 'hi' } }));
    expect(error).toMatchObject({ httpStatus: 401, retryable: false });
    expect(String(error.hint)).toMatch(/refused a token it had just issued/);
    expect(logins(server)).toBe(2);
    expect(others(server)).toBe(2);
    await onprem.close();
  });

  it('an expires_after already past (clocks that disagree) does not cause a login before every call', async () => {
    const login: Step = json(200, { users: [{ token: TOKEN, expires_after: '2001-01-01 00:00:00+00:00' }], meta: META });
    const health: Step = json(200, { health: { gateway_status: 'connected' }, meta: META });
    server = await startScriptedServer([(req, res, body) => (req.url === '/v1/users/login' ? login : health)(req, res, body)]);
    const onprem = createOnPremProvider({ provider: 'onprem', baseUrl: server.url, username: USERNAME, password: PASSWORD, readinessTimeoutMs: 0, clock: recordingClock() });
    for (let i = 0; i < 3; i += 1) expect((await operations['account.getHealth'].run(onprem, {})).ready).toBe(true);
    expect(logins(server)).toBe(1);
    expect(others(server)).toBe(3);
    await onprem.close();
  });
});

describe('ITNIO: the Sign of a request is redacted like the key and secret', () => {
  /** The Sign headers the provider sent. */
  const signsOf = (requests: readonly TransportRequest[]): string[] => requests.map((request) => request.headers.sign);

  it('from an HTTP client error that lists the request headers', async () => {
    const requests: TransportRequest[] = [];
    const provider = createItnioProvider({
      provider: 'itnio',
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      appId: APP_ID,
      businessPhone: BUSINESS_PHONE,
      clock: steppingClock(),
      transport: {
        request: async (request) => {
          requests.push(request);
          throw new Error(`socket hang up; request headers: ${JSON.stringify(request.headers)}`);
        },
      },
    });
    const error = await thrown(operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }));
    expect(error).toMatchObject({ kind: 'network', retryable: false });
    const signs = signsOf(requests);
    expect(signs).toHaveLength(1);
    expect(signs[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(error.message).toContain('[redacted]');
    expectNone(error, [...signs, API_KEY, API_SECRET]);
  });

  it('from a status answer whose reason repeats the Sign', async () => {
    const echo = fakeTransport([{ json: { status: '-1', reason: 'authentication error: placeholder' } }]);
    const request = echo.request.bind(echo);
    // The answer's reason quotes the Sign it was sent, as some gateways' debug modes do.
    echo.request = async (sent) => {
      const answer = await request(sent);
      const text = JSON.stringify({ status: '-1', reason: `authentication error: Sign ${sent.headers.sign} does not match` });
      return { ...answer, body: new TextEncoder().encode(text) };
    };
    const provider = createItnioProvider({ provider: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, clock: steppingClock(), transport: echo });
    const error = await thrown(operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }));
    expect(error).toMatchObject({ kind: 'api', metaCode: -1 });
    expect(String(error.details)).toContain('[redacted]');
    expectNone(error, [...signsOf(echo.requests), API_KEY, API_SECRET]);
  });
});
