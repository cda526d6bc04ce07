/**
 * The provider credentials: registration, secret fields, their authenticate functions (ITNIO's
 * signature reproduces the documented example), On-Premises' login (preAuthentication) and the
 * "Test" request of each, run against the matching sandbox flavor the way n8n runs them.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { ItnioApi } from '../../../credentials/ItnioApi.credentials';
import { MatonApi } from '../../../credentials/MatonApi.credentials';
import { WhatsAppOnPremisesApi } from '../../../credentials/WhatsAppOnPremisesApi.credentials';
import { AUTHENTICATIONS } from '../../../nodes/shared/provider';
import { CREDENTIAL_TYPES, credentialsHelper } from '../helpers/n8n-http';
import type { HttpCall } from '../helpers/n8n-http';

const ROOT = join(__dirname, '..', '..', '..');
const NODE: INode = { id: 'credential-test', name: 'Credential test', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [0, 0], parameters: {} };

async function authenticate(type: ICredentialType, credentials: IDataObject, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
  if (typeof type.authenticate !== 'function') throw new Error(`${type.name} authenticates with a function`);
  return type.authenticate(credentials as ICredentialDataDecryptedObject, request);
}

describe('registration and fields', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };

  test.each(Object.values(AUTHENTICATIONS).map((entry) => entry.credential))('%s is a credential class listed in package.json', (name) => {
    const type = CREDENTIAL_TYPES[name];
    expect(type).toBeDefined();
    const className = type.constructor.name;
    expect(pkg.n8n.credentials).toContain(`dist/credentials/${className}.credentials.js`);
    expect(existsSync(join(ROOT, 'credentials', `${className}.credentials.ts`))).toBe(true);
    expect(type.icon).toEqual({ light: 'file:whatsAppBusiness.svg', dark: 'file:whatsAppBusiness.dark.svg' });
    expect(type.documentationUrl).toMatch(/^https:\/\//);
    expect(type.test).toBeDefined();
  });

  test('display names beside "WhatsApp Cloud API"', () => {
    expect([new MatonApi(), new WhatsAppOnPremisesApi(), new ItnioApi()].map((type) => [type.name, type.displayName])).toEqual([
      ['matonApi', 'Maton API'],
      ['whatsAppOnPremisesApi', 'WhatsApp On-Premises API'],
      ['itnioApi', 'ITNIO API'],
    ]);
  });

  test('every secret field is a password field', () => {
    const secrets: Record<string, string[]> = { matonApi: ['apiKey'], whatsAppOnPremisesApi: ['password', 'webhookSecret', 'token'], itnioApi: ['apiKey', 'apiSecret', 'webhookSecret'] };
    for (const [name, fields] of Object.entries(secrets)) {
      for (const field of fields) {
        const property = CREDENTIAL_TYPES[name].properties.find((entry) => entry.name === field);
        expect([name, field, property?.typeOptions?.password]).toEqual([name, field, true]);
      }
    }
  });

  test('On-Premises: says Meta stopped delivering on 2025-10-23; the token is hidden and expirable; insecure TLS is off by default', () => {
    const type = new WhatsAppOnPremisesApi();
    const notice = type.properties.find((property) => property.type === 'notice');
    expect(notice?.displayName).toContain('2025-10-23');
    expect(type.properties.find((property) => property.name === 'token')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
    expect(type.properties.find((property) => property.name === 'ignoreSslIssues')).toMatchObject({ displayName: 'Ignore SSL Issues (Insecure)', type: 'boolean', default: false });
  });
});

describe('ITNIO authenticate: Api-Key, Timestamp, Sign = md5(apiKey + apiSecret + timestamp)', () => {
  afterEach(() => jest.useRealTimers());

  test('reproduces the documented example exactly', async () => {
    jest.useFakeTimers({ now: 1630468800 * 1000 + 999 });
    const signed = await authenticate(new ItnioApi(), { apiKey: 'bDqJFiq9', apiSecret: '7bz1lzh9' }, { url: 'https://api.itniotech.com/wa/custom/sendMsg', method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(signed.headers).toEqual({ 'content-type': 'application/json', 'Api-Key': 'bDqJFiq9', Timestamp: '1630468800', Sign: '05d7a50893e22a5c4bb3216ae3396c7c' });
    expect(signed.url).toBe('https://api.itniotech.com/wa/custom/sendMsg');
  });

  test('every request gets the current time (a retried request is signed anew)', async () => {
    const type = new ItnioApi();
    jest.useFakeTimers({ now: 1700000000 * 1000 });
    const first = await authenticate(type, { apiKey: 'k', apiSecret: 's' }, { url: 'https://x/wa' });
    jest.setSystemTime(1700000042 * 1000);
    const second = await authenticate(type, { apiKey: 'k', apiSecret: 's' }, { url: 'https://x/wa' });
    expect([first.headers?.Timestamp, second.headers?.Timestamp]).toEqual(['1700000000', '1700000042']);
    expect(first.headers?.Sign).not.toBe(second.headers?.Sign);
    // The secret itself is never sent.
    expect(JSON.stringify(second)).not.toContain('"s"');
  });
});

describe('Maton authenticate', () => {
  const type = new MatonApi();

  test('the key as a bearer everywhere; the connection only on gateway requests, and never twice', async () => {
    const credentials = { apiKey: 'mk', connectionId: 'conn-1' };
    const gateway = await authenticate(type, credentials, { url: 'https://gateway.maton.ai/whatsapp-business/v23.0/1/messages' });
    expect(gateway.headers).toEqual({ Authorization: 'Bearer mk', 'Maton-Connection': 'conn-1' });
    const control = await authenticate(type, credentials, { url: 'https://ctrl.maton.ai/connections?app=whatsapp-business' });
    expect(control.headers).toEqual({ Authorization: 'Bearer mk' });
    const named = await authenticate(type, credentials, { url: 'https://gateway.maton.ai/whatsapp-business/v23.0/1', headers: { 'maton-connection': 'conn-1' } });
    expect(named.headers).toEqual({ 'maton-connection': 'conn-1', Authorization: 'Bearer mk' });
  });

  test('no connection id: no Maton-Connection header (Maton uses the oldest active connection)', async () => {
    const signed = await authenticate(type, { apiKey: 'mk', connectionId: '  ' }, { url: 'https://gateway.maton.ai/whatsapp-business/v23.0/1' });
    expect(signed.headers).toEqual({ Authorization: 'Bearer mk' });
  });
});

describe('credential tests against the sandbox flavors', () => {
  test('Maton: lists connections; a wrong key is refused', async () => {
    const sandbox = await startSandbox({ port: 0, flavor: 'maton', token: 'maton-test-key-1', gatewayRps: 0 });
    try {
      const calls: HttpCall[] = [];
      const good = credentialsHelper({ credentials: { matonApi: { apiKey: 'maton-test-key-1', controlUrl: `${sandbox.url}/` } }, node: NODE, calls });
      expect(await good.testCredential('matonApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
      expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /connections?app=whatsapp-business']);
      const bad = credentialsHelper({ credentials: { matonApi: { apiKey: 'nope', controlUrl: sandbox.url } }, node: NODE });
      expect(await bad.testCredential('matonApi')).toEqual({ status: 'Error', message: 'Received HTTP status code: 401' });
    } finally {
      await sandbox.close();
    }
  });

  describe('ITNIO', () => {
    let sandbox: RunningSandbox;
    const base = { apiKey: 'itnio-key-t', apiSecret: 'itnio-secret-t', appId: 'Abc123', businessPhone: '15550000001' };
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, flavor: 'itnio', apiKey: base.apiKey, apiSecret: base.apiSecret, appId: base.appId });
    });
    afterAll(() => sandbox.close());

    test('the signed probe is accepted (refused only for its empty recipient, so nothing is sent)', async () => {
      const calls: HttpCall[] = [];
      const helper = credentialsHelper({ credentials: { itnioApi: { ...base, baseUrl: sandbox.url } }, node: NODE, calls });
      expect(await helper.testCredential('itnioApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
      expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /wa/custom/sendMsg 200']);
      const messages = (await (await fetch(`${sandbox.url}/_sandbox/messages`)).json()) as { data: unknown[] };
      expect(messages.data).toEqual([]);
    });

    test('a wrong secret or key: status -1 becomes the test\'s message', async () => {
      for (const wrong of [{ apiSecret: 'wrong' }, { apiKey: 'wrong' }]) {
        const helper = credentialsHelper({ credentials: { itnioApi: { ...base, ...wrong, baseUrl: sandbox.url } }, node: NODE });
        expect(await helper.testCredential('itnioApi')).toEqual({ status: 'Error', message: 'ITNIO refused the signature: check the API Key and the API Secret' });
      }
    });
  });

  describe('On-Premises', () => {
    let sandbox: RunningSandbox;
    const PASSWORD = 'onprem-credential-test-pw';
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD });
    });
    afterAll(() => sandbox.close());

    test('preAuthentication logs in with Basic auth at /v1/users/login and returns the token', async () => {
      const calls: HttpCall[] = [];
      const helper = credentialsHelper({ credentials: {}, node: NODE, calls });
      // A base URL without /v1 gets it added, as core does.
      const output = await new WhatsAppOnPremisesApi().preAuthentication.call(helper as never, { baseUrl: `${sandbox.url}/`, username: 'admin', password: PASSWORD });
      expect(typeof output.token).toBe('string');
      expect(String(output.token).length).toBeGreaterThan(10);
      expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /v1/users/login 200']);
      // The token works as a bearer.
      const health = await fetch(`${sandbox.url}/v1/health`, { headers: { Authorization: `Bearer ${String(output.token)}` } });
      expect(health.status).toBe(200);
    });

    test('a wrong password: one login, refused with the client\'s reason and advice, without the password or any HTTP answer', async () => {
      const calls: HttpCall[] = [];
      const helper = credentialsHelper({ credentials: {}, node: NODE, calls });
      const error = await new WhatsAppOnPremisesApi()
        .preAuthentication.call(helper as never, { baseUrl: `${sandbox.url}/v1`, username: 'admin', password: 'wrong-pw-31' })
        .then(() => null, (failure: unknown) => failure as Error & { response?: unknown; httpCode?: string });
      expect(error?.message).toMatch(/^Login refused \(error \d+: [^)]+\): check the username and password$/);
      expect(error?.httpCode).toBe('401');
      // No HTTP answer on it: n8n reports it at once instead of logging in again, and no request
      // options (which hold the password) travel with it.
      expect(error?.response).toBeUndefined();
      expect(JSON.stringify(error)).not.toContain('wrong-pw-31');
      expect(String(error?.message)).not.toContain('wrong-pw-31');
      expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /v1/users/login 401']);
    });

    test('through n8n\'s request flow a refused login is tried once, and its reason is what the test shows', async () => {
      const calls: HttpCall[] = [];
      const credentials: IDataObject = { baseUrl: `${sandbox.url}/v1`, username: 'admin', password: 'wrong-pw-32', token: '' };
      const helper = credentialsHelper({ credentials: { whatsAppOnPremisesApi: credentials }, node: NODE, calls });
      const failure = await helper.httpRequestWithAuthentication('whatsAppOnPremisesApi', { url: `${sandbox.url}/v1/health`, method: 'GET' }).then(
        () => null,
        (error: unknown) => error as Error & { description?: string; httpCode?: string },
      );
      expect(failure?.httpCode).toBe('401');
      expect(`${failure?.message} ${failure?.description}`).toMatch(/Login refused .*check the username and password/);
      expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /v1/users/login 401']);
      expect((await helper.testCredential('whatsAppOnPremisesApi')).message).toMatch(/^Login refused .*check the username and password$/);
    });

    test('the credential test logs in and reads /v1/health', async () => {
      const calls: HttpCall[] = [];
      const credentials: IDataObject = { baseUrl: `${sandbox.url}/v1/`, username: 'admin', password: PASSWORD, ignoreSslIssues: false, token: '' };
      const helper = credentialsHelper({ credentials: { whatsAppOnPremisesApi: credentials }, node: NODE, calls });
      expect(await helper.testCredential('whatsAppOnPremisesApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
      expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /v1/users/login 200', 'GET /v1/health 200']);
      const wrong = credentialsHelper({ credentials: { whatsAppOnPremisesApi: { ...credentials, password: 'x', token: '' } }, node: NODE });
      expect((await wrong.testCredential('whatsAppOnPremisesApi')).status).toBe('Error');
    });
  });

  describe('On-Premises with the factory password (error 1024)', () => {
    let sandbox: RunningSandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: 'secret' });
    });
    afterAll(() => sandbox.close());

    test('the test says the password must be changed first, not that it is wrong', async () => {
      const helper = credentialsHelper({ credentials: { whatsAppOnPremisesApi: { baseUrl: sandbox.url, username: 'admin', password: 'secret', token: '' } }, node: NODE });
      const result = await helper.testCredential('whatsAppOnPremisesApi');
      expect(result.status).toBe('Error');
      expect(result.message).toMatch(/^Login refused \(error 1024: [^)]+\): set a new password first: log in once with \{"new_password": \.\.\.\}/);
    });
  });

  describe('On-Premises over HTTPS with a self-signed certificate', () => {
    let sandbox: RunningSandbox;
    const PASSWORD = 'onprem-tls-pw';
    beforeAll(async () => {
      const tls = join(ROOT, 'test', 'fixtures', 'tls');
      sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, tlsCert: join(tls, 'cert.pem'), tlsKey: join(tls, 'key.pem') });
    });
    afterAll(() => sandbox.close());

    test('refused unless "Ignore SSL Issues (Insecure)" is on', async () => {
      expect(sandbox.url).toMatch(/^https:/);
      const credentials = (ignoreSslIssues: boolean): IDataObject => ({ baseUrl: sandbox.url, username: 'admin', password: PASSWORD, ignoreSslIssues, token: '' });
      const strict = credentialsHelper({ credentials: { whatsAppOnPremisesApi: credentials(false) }, node: NODE });
      const refused = await strict.testCredential('whatsAppOnPremisesApi');
      expect(refused.status).toBe('Error');
      const insecure = credentialsHelper({ credentials: { whatsAppOnPremisesApi: credentials(true) }, node: NODE });
      expect(await insecure.testCredential('whatsAppOnPremisesApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
    });
  });
});
