import { inspect } from 'node:util';
import { createOnPremProvider, operations, WhatsAppApiError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';
import { json, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';
import { CUSTOMER, customerWrites, onPremSetup, requestCount, thrown } from './onprem-helpers';

const TEXT = { to: CUSTOMER, type: 'text', text: { body: 'hello' } };
const META = { api_status: 'stable', version: 'v2.41.2' };
const TOKEN = 'tok-3f9a8c7e6d5b4a3f2e1d-secret';
const SECRET_PASSWORD = 'Scripted-Pa55word!';

const login: Step = json(200, { users: [{ token: TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }], meta: META });
const health = (status: string): Step => json(200, { health: { gateway_status: status }, meta: META });
const onpremError = (httpStatus: number, code: number, title: string, details?: string): Step =>
  json(httpStatus, { meta: META, errors: [{ code, title, ...(details === undefined ? {} : { details }) }] });
const sent: Step = json(200, { messages: [{ id: 'gBEGkYiEB1VXAglK1ZEqA1YKPrU' }], meta: META });

function expectStartupHint(error: Record<string, unknown>): void {
  const hint = String(error.hint);
  expect(hint).toMatch(/loads the message templates/);
  expect(hint).toContain('6 minutes');
  expect(hint).toContain('reconnection');
  expect(hint).toContain('"uninitialized" or "unregistered"');
  expect(hint).toContain('account.requestCode');
}

describe('On-Premises start-up, against the sandbox', () => {
  it('waits for "connected" before the first call, then sends', async () => {
    const setup = await onPremSetup({ startupDelayMs: 700 }, { readinessTimeoutMs: 30_000 });
    try {
      await customerWrites(setup.sandbox);
      const result = await operations['message.send'].run(setup.provider, TEXT);
      expect(result.status).toBe('accepted');
      expect(requestCount(setup.log, 'GET', '/health')).toBeGreaterThanOrEqual(2);
      // Nothing but health checks went out while the core app was starting.
      expect(requestCount(setup.log, 'POST', '/messages', 503)).toBe(0);
      expect(requestCount(setup.log, 'POST', '/messages', 200)).toBe(1);
    } finally {
      await setup.close();
    }
  });

  it('gives up after readinessTimeoutMs with a retryable error explaining the start-up', async () => {
    const setup = await onPremSetup({ startupDelayMs: 60_000 }, { readinessTimeoutMs: 1, clock: recordingClock() });
    try {
      const error = await thrown(operations['message.send'].run(setup.provider, TEXT));
      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({ kind: 'api', provider: 'onprem', retryable: true });
      expect(error.message).toContain('"connecting"');
      expectStartupHint(error);
      expect(requestCount(setup.log, 'POST', '/messages')).toBe(0);
    } finally {
      await setup.close();
    }
  });

  it('with readinessTimeoutMs 0 it does not wait: the client\'s 1011 comes back retryable, with the hint', async () => {
    const setup = await onPremSetup({ startupDelayMs: 60_000 }, { readinessTimeoutMs: 0 });
    try {
      const error = await thrown(operations['message.send'].run(setup.provider, TEXT));
      expect(error).toMatchObject({ kind: 'api', httpStatus: 503, metaCode: 1011, title: 'Service not ready', retryable: true });
      expectStartupHint(error);
      expect(requestCount(setup.log, 'GET', '/health')).toBe(0);
    } finally {
      await setup.close();
    }
  });

  it('health and settings answer while the core app starts; they do not wait', async () => {
    const setup = await onPremSetup({ startupDelayMs: 60_000 }, { readinessTimeoutMs: 60_000 });
    try {
      expect(await operations['account.getHealth'].run(setup.provider, {})).toMatchObject({ ready: false, gatewayStatus: 'connecting' });
      const settings = await thrown(operations['account.getSettings'].run(setup.provider, {}));
      expect(settings).toMatchObject({ metaCode: 1011, retryable: true });
    } finally {
      await setup.close();
    }
  });
});

describe('On-Premises start-up failures mid-life (scripted client)', () => {
  let server: ScriptedServer;
  let provider: Provider;
  let clock: ReturnType<typeof recordingClock>;

  async function setup(steps: Step[], readinessTimeoutMs = 60_000): Promise<void> {
    server = await startScriptedServer(steps);
    clock = recordingClock();
    provider = createOnPremProvider({
      provider: 'onprem',
      baseUrl: server.url,
      username: 'admin',
      password: SECRET_PASSWORD,
      readinessTimeoutMs,
      clock,
      retry: { maxRetries: 0 },
    });
  }

  afterEach(async () => {
    await provider?.close();
    await server?.close();
  });

  const paths = (): string[] => server.requests.map((request) => `${request.method} ${request.url}`);

  it('a 1011 on a send: waits for health "connected", then sends again (1011 means nothing was sent)', async () => {
    await setup([login, health('connected'), onpremError(503, 1011, 'Service not ready'), health('connecting'), health('connecting'), health('connected'), sent]);
    const result = await operations['message.send'].run(provider, TEXT);
    expect(result.messageId).toBe('gBEGkYiEB1VXAglK1ZEqA1YKPrU');
    expect(paths()).toEqual(['POST /v1/users/login', 'GET /v1/health', 'POST /v1/messages', 'GET /v1/health', 'GET /v1/health', 'GET /v1/health', 'POST /v1/messages']);
    // Backing off on the injected clock, doubling.
    expect(clock.sleeps).toEqual([250, 500]);
    expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`admin:${SECRET_PASSWORD}`).toString('base64')}`);
    for (const request of server.requests.slice(1)) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a 1014 on a send is not repeated (the core app may have taken it); later calls wait for health', async () => {
    await setup([login, health('connected'), onpremError(500, 1014, 'Internal error', 'Connection timed out. Please check if wacore is running'), health('connected'), sent]);
    const error = await thrown(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ metaCode: 1014, httpStatus: 500, retryable: false });
    expect(String(error.hint)).toContain('may have been processed');
    expectStartupHint(error);
    await operations['message.send'].run(provider, TEXT);
    expect(paths()).toEqual(['POST /v1/users/login', 'GET /v1/health', 'POST /v1/messages', 'GET /v1/health', 'POST /v1/messages']);
  });

  it('a 5xx on a read is waited out and repeated', async () => {
    await setup([login, health('connected'), json(502, { message: 'bad gateway' }), health('connected'), json(200, { settings: { business: { profile: { address: 'A', websites: [] } } }, meta: META }), json(200, { settings: { profile: { about: { text: 'Hi' } } }, meta: META })]);
    const profile = await operations['businessProfile.get'].run(provider, {});
    expect(profile).toMatchObject({ address: 'A', about: 'Hi' });
  });

  it('"unregistered" stops the wait at once: register first', async () => {
    await setup([login, health('unregistered')]);
    const error = await thrown(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', retryable: false });
    expect(String(error.hint)).toContain('account.requestCode');
    expect(String(error.hint)).toContain('account.verifyCode');
    expect(paths()).toEqual(['POST /v1/users/login', 'GET /v1/health']);
  });

  it('multiconnect: a disconnected secondary master (the standby) does not block sending', async () => {
    const multi = json(200, {
      health: {
        'host1:container1': { gateway_status: 'connected', role: 'primary_master' },
        'host2:container2': { gateway_status: 'disconnected', role: 'secondary_master' },
        'host3:container3': { gateway_status: 'connected', role: 'coreapp' },
      },
      meta: META,
    });
    await setup([login, multi, sent, multi]);
    await operations['message.send'].run(provider, TEXT);
    const report = await operations['account.getHealth'].run(provider, {});
    expect(report).toEqual({
      ready: true,
      gatewayStatus: 'disconnected',
      nodes: [
        { node: 'host1:container1', gatewayStatus: 'connected', role: 'primary_master' },
        { node: 'host2:container2', gatewayStatus: 'disconnected', role: 'secondary_master' },
        { node: 'host3:container3', gatewayStatus: 'connected', role: 'coreapp' },
      ],
      apiStatus: 'stable',
      version: 'v2.41.2',
    });
  });

  it('multiconnect: a core app that is not connected blocks sending until it is', async () => {
    const nodes = (coreapp: string): Step =>
      json(200, { health: { 'h1:c1': { gateway_status: 'connected', role: 'primary_master' }, 'h3:c3': { gateway_status: coreapp, role: 'coreapp' } }, meta: META });
    await setup([login, nodes('connecting'), nodes('connected'), sent]);
    await operations['message.send'].run(provider, TEXT);
    expect(clock.sleeps).toEqual([250]);
  });

  it('the client\'s error list becomes the error: code, title, details, hint; 470 gets the 24-hour hint', async () => {
    await setup([login, health('connected'), onpremError(400, 470, 'Message failed to send because more than 24 hours have passed since the customer last replied to this number')]);
    const error = await thrown(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', httpStatus: 400, metaCode: 470, retryable: false });
    expect(error.message).toContain('error 470');
    expect(String(error.hint)).toContain('template');
  });

  it('redacts the token, the password and the Basic credentials the client might echo', async () => {
    const basic = Buffer.from(`admin:${SECRET_PASSWORD}`).toString('base64');
    await setup([login, health('connected'), onpremError(400, 1009, 'Parameter value is not valid', `echo: Bearer ${TOKEN} / ${SECRET_PASSWORD} / Basic ${basic} / ${TOKEN}`)]);
    const error = await thrown(operations['message.send'].run(provider, TEXT));
    for (const surface of [error.message, String(error.details), JSON.stringify(error), inspect(error), inspect(provider), JSON.stringify(provider)]) {
      expect(surface).not.toContain(TOKEN);
      expect(surface).not.toContain(SECRET_PASSWORD);
      expect(surface).not.toContain(basic);
    }
    expect(error.message).toContain('[redacted]');
  });

  it('a send that answers 2xx without a message id is an error, not a made-up id', async () => {
    await setup([login, health('connected'), json(200, { meta: META })]);
    const error = await thrown(operations['message.send'].run(provider, TEXT));
    expect(error.message).toContain('no message id');
  });

  it('deleting media again after a lost answer: 1006 on the repeat means it is gone', async () => {
    await setup([login, health('connected'), json(503, { meta: META }), health('connected'), onpremError(404, 1006, 'Resource not found')]);
    expect(await operations['media.delete'].run(provider, { mediaId: 'f043afd0-f0ae-4b9c-ab3d-696fb4c8cd68' })).toEqual({ deleted: true });
  });
});
