import { inspect } from 'node:util';
import { createOnPremProvider, operations, WhatsAppApiError, WhatsAppConfigError, WhatsAppValidationError } from 'whatsapp-business-core';
import type { Clock, TransportRequest, TransportResponse } from 'whatsapp-business-core';
import { apiRequests, CUSTOMER, customerWrites, onPremSetup, PASSWORD, requestCount, startOnPremSandbox, thrown, USERNAME } from './onprem-helpers';

/** Sleeps return at once; `now` is whatever the test sets. */
function manualClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, sleep: async () => undefined, random: () => 0.5, set: (ms) => void (now = ms) };
}

/** A Transport over fetch, so a test can look at every request core makes. */
async function fetchTransport(request: TransportRequest): Promise<TransportResponse> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => void (headers[name] = value));
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every place a secret could leak from an error or a provider. */
function surfaces(value: unknown): string[] {
  const error = value as { message?: string; hint?: string | null; stack?: string };
  return [String(error.message), String(error.hint), JSON.stringify(value), inspect(value, { depth: 8 }), String(error.stack)];
}

describe('On-Premises login', () => {
  it('logs in once and reuses the token for many calls', async () => {
    const setup = await onPremSetup();
    try {
      await customerWrites(setup.sandbox);
      for (let i = 0; i < 5; i += 1) await operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'text', text: { body: `hello ${i}` } });
      await operations['account.getSettings'].run(setup.provider, {});
      expect(requestCount(setup.log, 'POST', '/users/login')).toBe(1);
      expect(requestCount(setup.log, 'POST', '/messages', 200)).toBe(5);
    } finally {
      await setup.close();
    }
  });

  it('concurrent first calls share one login', async () => {
    const setup = await onPremSetup();
    try {
      await Promise.all(Array.from({ length: 6 }, () => operations['account.getSettings'].run(setup.provider, {})));
      expect(requestCount(setup.log, 'POST', '/users/login')).toBe(1);
    } finally {
      await setup.close();
    }
  });

  it('logs in again, transparently, when the client refuses an expired token (401)', async () => {
    // A clock stuck in 1970 keeps the provider from renewing early: it learns of the expiry from the 401.
    const setup = await onPremSetup({ loginTtlMs: 150 }, { clock: manualClock(0) });
    try {
      await operations['account.getSettings'].run(setup.provider, {});
      await wait(300);
      const settings = await operations['account.getSettings'].run(setup.provider, {});
      expect(settings.settings).toHaveProperty('webhooks');
      expect(requestCount(setup.log, 'GET', '/settings/application', 401)).toBe(1);
      expect(requestCount(setup.log, 'GET', '/settings/application', 200)).toBe(2);
      expect(requestCount(setup.log, 'POST', '/users/login', 200)).toBe(2);
    } finally {
      await setup.close();
    }
  });

  it('renews the token shortly before expires_after, without a refused call', async () => {
    const clock = manualClock(Date.now());
    const setup = await onPremSetup({ loginTtlMs: 60 * 60 * 1000 }, { clock });
    try {
      await operations['account.getSettings'].run(setup.provider, {});
      await operations['account.getSettings'].run(setup.provider, {});
      expect(requestCount(setup.log, 'POST', '/users/login')).toBe(1);
      clock.set(Date.now() + 59 * 60 * 1000);
      await operations['account.getSettings'].run(setup.provider, {});
      expect(requestCount(setup.log, 'POST', '/users/login')).toBe(2);
      expect(requestCount(setup.log, 'GET', '/settings/application', 401)).toBe(0);
    } finally {
      await setup.close();
    }
  });

  it('a wrong password is a clear, non-retryable error that never shows the password or username', async () => {
    const wrong = 'Wrong-Pa55word!-9f8e7d';
    const setup = await onPremSetup({}, { password: wrong });
    try {
      const error = await thrown(operations['account.getHealth'].run(setup.provider, {}));
      expect(error).toBeInstanceOf(WhatsAppApiError);
      expect(error).toMatchObject({ kind: 'api', provider: 'onprem', httpStatus: 401, metaCode: 1005, retryable: false });
      expect(error.message).toContain('login');
      expect(String(error.hint)).toContain('username and password');
      for (const surface of [...surfaces(error), ...surfaces(setup.provider)]) {
        expect(surface).not.toContain(wrong);
        expect(surface).not.toContain(PASSWORD);
        expect(surface).not.toContain(USERNAME);
      }
      // The login was tried once: a wrong password does not heal by retrying.
      expect(requestCount(setup.log, 'POST', '/users/login')).toBe(1);
    } finally {
      await setup.close();
    }
  });

  it('the token it holds never appears in its errors or in the provider', async () => {
    const { sandbox } = await startOnPremSandbox();
    const bearer: string[] = [];
    const provider = createOnPremProvider({
      provider: 'onprem',
      baseUrl: sandbox.url,
      username: USERNAME,
      password: PASSWORD,
      transport: {
        request: async (request) => {
          if (request.headers.authorization?.startsWith('Bearer ')) bearer.push(request.headers.authorization.slice(7));
          return fetchTransport(request);
        },
      },
    });
    try {
      const error = await thrown(operations['media.download'].run(provider, { mediaId: '00000000-0000-4000-8000-000000000000' }));
      expect(error).toMatchObject({ metaCode: 1006, httpStatus: 404 });
      expect(bearer.length).toBeGreaterThan(0);
      for (const surface of [...surfaces(error), ...surfaces(provider)]) {
        expect(surface).not.toContain(bearer[0]);
        expect(surface).not.toContain(PASSWORD);
      }
    } finally {
      await provider.close();
      await sandbox.close();
    }
  });

  it('1024 (password change required) says how to set a new password', async () => {
    const setup = await onPremSetup({ password: 'secret' }, { password: 'secret' });
    try {
      const error = await thrown(operations['account.getSettings'].run(setup.provider, {}));
      expect(error).toMatchObject({ kind: 'api', metaCode: 1024, retryable: false });
      expect(String(error.hint)).toContain('new_password');
      expect(String(error.hint)).toContain('then configure the new password');

      // Done by hand, as the hint says; the new password then works and the old one no longer does.
      const basic = (password: string) => `Basic ${Buffer.from(`${USERNAME}:${password}`).toString('base64')}`;
      const changed = await fetch(`${setup.sandbox.url}/v1/users/login`, {
        method: 'POST',
        headers: { authorization: basic('secret'), 'content-type': 'application/json' },
        body: JSON.stringify({ new_password: PASSWORD }),
      });
      expect(changed.status).toBe(200);
      const provider = createOnPremProvider({ provider: 'onprem', baseUrl: setup.sandbox.url, username: USERNAME, password: PASSWORD });
      try {
        expect(await operations['account.getHealth'].run(provider, {})).toMatchObject({ ready: true });
      } finally {
        await provider.close();
      }
      const old = await thrown(operations['account.getHealth'].run(setup.provider, {}));
      expect(old).toMatchObject({ httpStatus: 401, metaCode: 1005 });
    } finally {
      await setup.close();
    }
  });

  it('with transportAuthenticates, core neither logs in nor sends credentials', async () => {
    const { sandbox, log } = await startOnPremSandbox();
    const seen: Record<string, string>[] = [];
    const provider = createOnPremProvider({
      provider: 'onprem',
      baseUrl: sandbox.url,
      transportAuthenticates: true,
      transport: {
        request: async (request) => {
          seen.push({ ...request.headers });
          return fetchTransport(request);
        },
      },
    });
    try {
      const error = await thrown(operations['account.getHealth'].run(provider, {}));
      expect(error).toMatchObject({ httpStatus: 401, retryable: false });
      expect(String(error.hint)).toContain('credential');
      expect(requestCount(log, 'POST', '/users/login')).toBe(0);
      expect(seen.length).toBeGreaterThan(0);
      for (const headers of seen) expect(Object.keys(headers).map((name) => name.toLowerCase())).not.toContain('authorization');
    } finally {
      await provider.close();
      await sandbox.close();
    }
  });
});

describe('On-Premises 1024 through an authenticating transport', () => {
  it('keeps the password-change hint instead of the generic credential hint', async () => {
    const body = JSON.stringify({ meta: { api_status: 'stable', version: '2.53.1' }, errors: [{ code: 1024, title: 'Password change required', details: 'Change the admin password first' }] });
    const provider = createOnPremProvider({
      provider: 'onprem',
      baseUrl: 'https://wa.example.com:9090/v1',
      transportAuthenticates: true,
      readinessTimeoutMs: 0,
      transport: { request: async () => ({ status: 401, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(body) }) },
    });
    const error = await thrown(operations['account.getHealth'].run(provider, {}));
    expect(error).toMatchObject({ httpStatus: 401, metaCode: 1024, retryable: false });
    expect(String(error.hint)).toMatch(/new_password|change/i);
    expect(String(error.hint)).not.toContain('check the username and password');
    await provider.close();
  });
});

describe('On-Premises configuration', () => {
  const base = { provider: 'onprem' as const, baseUrl: 'https://wa.example.com:9090' };

  it.each([
    ['no password', { ...base, username: 'admin' }, 'password'],
    ['no username', { ...base, password: 'x-very-secret' }, 'username'],
    ['credentials with transportAuthenticates', { ...base, username: 'admin', password: 'x-very-secret', transportAuthenticates: true, transport: { request: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) } }, 'username'],
    ['insecureTls with a custom transport', { ...base, username: 'admin', password: 'x-very-secret', insecureTls: true, transport: { request: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) } }, 'insecureTls'],
    ['a bad namespace', { ...base, username: 'admin', password: 'x-very-secret', templateNamespace: 'has spaces' }, 'templateNamespace'],
    ['a negative readiness timeout', { ...base, username: 'admin', password: 'x-very-secret', readinessTimeoutMs: -1 }, 'readinessTimeoutMs'],
  ])('refuses %s, naming the field and never echoing values', (_name, config, field) => {
    let error: unknown;
    try {
      createOnPremProvider(config as Parameters<typeof createOnPremProvider>[0]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WhatsAppConfigError);
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).not.toContain('x-very-secret');
  });

  it('adds /v1 to the base URL unless it is there', () => {
    const withV1 = createOnPremProvider({ ...base, baseUrl: 'https://wa.example.com:9090/v1/', username: 'admin', password: 'x-very-secret' });
    const without = createOnPremProvider({ ...base, username: 'admin', password: 'x-very-secret' });
    expect(withV1.toJSON().baseUrl).toBe('https://wa.example.com:9090/v1');
    expect(without.toJSON().baseUrl).toBe('https://wa.example.com:9090/v1');
    expect(JSON.stringify([withV1, without])).not.toContain('x-very-secret');
    expect(inspect(withV1)).not.toContain('x-very-secret');
    void withV1.close();
    void without.close();
  });

  it('a template without templateNamespace is a validation error naming it, before any request', async () => {
    const setup = await onPremSetup({}, { templateNamespace: undefined });
    try {
      const error = await thrown(operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: 'en_US' } }));
      expect(error).toBeInstanceOf(WhatsAppValidationError);
      expect((error as unknown as WhatsAppValidationError).issues).toEqual([expect.objectContaining({ path: 'templateNamespace' })]);
      expect(apiRequests(setup.log)).toEqual([]);
    } finally {
      await setup.close();
    }
  });
});
