/**
 * A send (or anything else that must not happen twice: an ITNIO template submission, an
 * On-Premises registration code by SMS) is repeated only when the server provably refused it.
 * After an ambiguous failure (the connection dropped after the request left, an answer that
 * cannot be read) it is reported, not retried, whatever the retry budget, over real HTTP.
 */
import { createItnioProvider, createOnPremProvider, operations } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';
import { json, raw, reset, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';
import { thrown } from './onprem-helpers';

const TEXT = { to: '16505551234', type: 'text', text: { body: 'hello' } };
const META = { api_status: 'stable', version: 'v2.41.2' };

let server: ScriptedServer | null = null;
let provider: Provider | null = null;
afterEach(async () => {
  await provider?.close();
  await server?.close();
  provider = null;
  server = null;
});

const posts = (path: string): number => server?.requests.filter((request) => request.method === 'POST' && request.url === path).length ?? 0;

describe('ITNIO', () => {
  async function itnio(steps: Step[]): Promise<Provider> {
    server = await startScriptedServer(steps);
    provider = createItnioProvider({
      provider: 'itnio',
      apiKey: 'itnio-key-0001',
      apiSecret: 'itnio-secret-0001',
      appId: 'DGziZf5u',
      businessPhone: '91856321412',
      baseUrl: server.url,
      retry: { maxRetries: 5 },
      clock: recordingClock(),
    });
    return provider;
  }
  const accepted = json(200, { status: '0', reason: 'success', data: { messageId: 'm-2' } });

  test.each([
    ['a connection dropped after the request left', reset, 'network'],
    ['a 2xx answer that is not ITNIO\'s envelope', raw(200, 'text/html', '<html>proxy</html>'), 'api'],
  ])('a send is not repeated after %s', async (_name, first, kind) => {
    const itnioProvider = await itnio([first, accepted]);
    const error = await thrown(operations['message.send'].run(itnioProvider, TEXT));
    expect(error).toMatchObject({ kind, retryable: false });
    expect(posts('/wa/custom/sendMsg')).toBe(1);
  });

  test('a template submission is not repeated after a dropped connection', async () => {
    const itnioProvider = await itnio([reset, json(200, { status: '0', reason: 'success' })]);
    const template = { name: 'order_ready', category: 'UTILITY', language: 'en_US', components: [{ type: 'BODY', text: 'Ready' }] };
    await thrown(operations['template.create'].run(itnioProvider, template));
    expect(posts('/wa/template/add')).toBe(1);
  });
});

describe('On-Premises', () => {
  const login: Step = json(200, { users: [{ token: 'tok-0001-abcdef', expires_after: '2099-01-01 00:00:00+00:00' }], meta: META });
  const health: Step = json(200, { health: { gateway_status: 'connected' }, meta: META });

  /** Logs in and reports "connected"; other requests get the scripted steps in order. */
  async function onprem(steps: Step[]): Promise<Provider> {
    let next = 0;
    server = await startScriptedServer([
      (req, res, body) => {
        if (req.url === '/v1/users/login') return login(req, res, body);
        if (req.url === '/v1/health') return health(req, res, body);
        const step = steps[Math.min(next, steps.length - 1)];
        next += 1;
        return step(req, res, body);
      },
    ]);
    provider = createOnPremProvider({
      provider: 'onprem',
      baseUrl: server.url,
      username: 'admin',
      password: 'Onprem-Pa55!',
      retry: { maxRetries: 5 },
      readinessTimeoutMs: 1000,
      clock: recordingClock(),
    });
    return provider;
  }
  const sent = json(200, { messages: [{ id: 'gBEGkYiEB1VXAglK1ZEqA1YKPrU' }], meta: META });

  test.each([
    ['a connection dropped after the request left', reset, 'network'],
    ['a 5xx without an error code', raw(502, 'text/html', '<html><title>Bad gateway</title></html>'), 'api'],
  ])('a send is not repeated after %s', async (_name, first, kind) => {
    const onpremProvider = await onprem([first, sent]);
    const error = await thrown(operations['message.send'].run(onpremProvider, TEXT));
    expect(error).toMatchObject({ kind, retryable: false });
    expect(posts('/v1/messages')).toBe(1);
  });

  test('a registration code request (an SMS each time) is not repeated after a dropped connection', async () => {
    const onpremProvider = await onprem([reset, json(202, { account: [{ vname: 'Shop' }], meta: META })]);
    const input = { countryCode: '1', phoneNumber: '6315551234', method: 'sms', cert: 'Q2VydGlmaWNhdGU=' };
    const error = await thrown(operations['account.requestCode'].run(onpremProvider, input));
    expect(error).toMatchObject({ kind: 'network', retryable: false });
    expect(posts('/v1/account')).toBe(1);
  });
});
