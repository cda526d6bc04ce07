import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createOnPremProvider, operations, WhatsAppNetworkError } from 'whatsapp-business-core';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { recordingClock } from '../../helpers/recording-clock';
import { CUSTOMER, NAMESPACE, PASSWORD, requestCount, startOnPremSandbox, thrown, USERNAME } from './onprem-helpers';

const TLS = join(__dirname, '..', '..', 'fixtures', 'tls');

let sandbox: RunningSandbox;
let log: string[];

beforeAll(async () => {
  ({ sandbox, log } = await startOnPremSandbox({ tlsCert: join(TLS, 'cert.pem'), tlsKey: join(TLS, 'key.pem') }));
});

afterAll(async () => {
  await sandbox.close();
});

describe('On-Premises over HTTPS with a self-signed certificate (as the client ships)', () => {
  it('the sandbox serves HTTPS with the fixture certificate', async () => {
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
    try {
      const response = await request(`${sandbox.url}/v1/users/login`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}` },
        dispatcher,
      });
      await response.body.dump();
      expect(response.statusCode).toBe(200);
    } finally {
      await dispatcher.close();
    }
  });

  it('is refused by default: a non-retryable network error advising insecureTls only for a trusted client', async () => {
    const provider = createOnPremProvider({ provider: 'onprem', baseUrl: sandbox.url, username: USERNAME, password: PASSWORD, clock: recordingClock() });
    try {
      const before = requestCount(log, 'POST', '/users/login');
      const error = await thrown(operations['account.getHealth'].run(provider, {}));
      expect(error).toBeInstanceOf(WhatsAppNetworkError);
      expect(error).toMatchObject({ kind: 'network', provider: 'onprem', retryable: false });
      expect(error.message).toMatch(/SELF_SIGNED|self[- ]signed/i);
      expect(String(error.hint)).toContain('insecureTls: true');
      expect(String(error.hint)).toContain('only for a client you trust');
      expect(JSON.stringify(error)).not.toContain(PASSWORD);
      // The TLS handshake failed: no request reached the client.
      expect(requestCount(log, 'POST', '/users/login')).toBe(before);
    } finally {
      await provider.close();
    }
  });

  it('is accepted with insecureTls: true, for every call', async () => {
    const provider = createOnPremProvider({ provider: 'onprem', baseUrl: sandbox.url, username: USERNAME, password: PASSWORD, insecureTls: true, templateNamespace: NAMESPACE });
    try {
      expect(await operations['account.getHealth'].run(provider, {})).toMatchObject({ ready: true });
      const sent = await operations['message.send'].run(provider, { to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: 'en_US' } });
      expect(sent.status).toBe('accepted');
    } finally {
      await provider.close();
    }
  });
});
