/**
 * With n8n the credential signs every request, so core never holds the Maton key, the
 * On-Premises password and token, or ITNIO's key, secret and per-request Sign, and cannot redact
 * them itself. Whatever a server (or a proxy, or an HTTP client) echoes back must still never
 * reach a node error (message, description, the response n8n stores), an output item (Continue On
 * Fail items, the trigger's mediaError, the application settings) or the options loaders.
 */
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import { credentialRedactor, maskUrlSecrets, SECRET_FIELDS, secretsOf } from '../../../nodes/shared/secrets';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { getPhoneNumbers } from '../../../nodes/WhatsAppBusiness/methods/loadOptions';
import { startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';
import { fakeContext } from '../helpers/execute-context';
import { CREDENTIAL_TYPES } from '../helpers/n8n-http';
import { webhookContext } from '../helpers/webhook-context';

const node = new WhatsAppBusiness();
const CUSTOMER = '16505551234';

/** Every place a secret could leave through an n8n error. */
function surfaces(error: Error): string {
  const details = error as Error & { description?: unknown; errorResponse?: unknown; context?: unknown; messages?: unknown };
  return [error.message, String(details.description), JSON.stringify(details.errorResponse), JSON.stringify(details.messages), JSON.stringify(error), inspect(error, { depth: 6 })].join('\n');
}

function expectNone(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

async function run(parameters: IDataObject, providerCredentials: Record<string, IDataObject>, continueOnFail = false): Promise<INodeExecutionData[] | Error> {
  const fake = fakeContext({ parameters, providerCredentials, continueOnFail });
  return node.execute.call(fake.context).then(
    ([items]) => items,
    (error: unknown) => error as Error,
  );
}

/** A server that answers every request with what `answer` builds from the request (headers included). */
const echoing =
  (status: number, answer: (headers: Record<string, string>) => unknown): Step =>
  (req, res) => {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer(headers)));
  };

describe('credentialRedactor', () => {
  test('removes every form of every secret field: as typed, URL- and form-encoded, the Basic value, the Meta app token', () => {
    const credentials = { username: 'admin', password: 'p@ss word+1', apiKey: 'key-1234', appId: '300', appSecret: 'app-secret-9', webhookSecret: 'hook/secret?1' };
    const redact = credentialRedactor([credentials]);
    const basic = Buffer.from('admin:p@ss word+1').toString('base64');
    const text = [
      'p@ss word+1',
      encodeURIComponent('p@ss word+1'),
      'p%40ss+word%2B1',
      `Basic ${basic}`,
      basic,
      'key-1234',
      '300|app-secret-9',
      encodeURIComponent('300|app-secret-9'),
      `?token=${encodeURIComponent('hook/secret?1')}`,
    ].join(' ');
    const out = redact(text);
    expectNone(out, ['p@ss', 'word+1', 'p%40ss', basic, 'key-1234', 'app-secret-9', 'hook/secret', 'hook%2Fsecret']);
    expect(out).toContain('[redacted]');
  });

  test('an ITNIO Sign made around now is recognised; other 32-hex strings (message ids) are kept', () => {
    const now = 1_800_000_000_000;
    const sign = (at: number) => createHash('md5').update(`k-123s-456${at}`).digest('hex');
    const redact = credentialRedactor([{ apiKey: 'k-123', apiSecret: 's-456' }], now);
    const messageId = '10415ecbd0c848ebb7d5a3fe53269df6';
    expect(redact(`Sign ${sign(now / 1000)} and ${sign(now / 1000 - 300)} for ${messageId}`)).toBe(`Sign [redacted] and [redacted] for ${messageId}`);
    expect(redact(sign(now / 1000).toUpperCase())).toBe('[redacted]');
  });

  test('short values are left alone (replacing them would mangle ordinary words), longer ones first', () => {
    expect(credentialRedactor([{ password: 'abc' }])('abc abcdef')).toBe('abc abcdef');
    expect(credentialRedactor([{ apiKey: 'abcd', apiSecret: 'abcdefgh' }])('abcdefgh abcd')).toBe('[redacted] [redacted]');
  });

  test('every password field of every credential type is a secret field', () => {
    for (const type of Object.values(CREDENTIAL_TYPES)) {
      for (const property of type.properties) {
        if (property.typeOptions?.password === true) expect([type.name, property.name, (SECRET_FIELDS as readonly string[]).includes(property.name)]).toEqual([type.name, property.name, true]);
      }
    }
    expect(secretsOf([{ accessToken: 'cloud-token-1' }])).toContain('cloud-token-1');
  });

  test('maskUrlSecrets: the ?token= value and a URL password, nothing else', () => {
    expect(maskUrlSecrets('https://n8n.example.com/webhook/abc/webhook?token=s3cr%2Ft&x=1')).toBe('https://n8n.example.com/webhook/abc/webhook?token=[redacted]&x=1');
    expect(maskUrlSecrets('https://user:s3cret@n8n.example.com/webhook/abc/webhook')).toBe('https://user:[redacted]@n8n.example.com/webhook/abc/webhook');
    expect(maskUrlSecrets('https://n8n.example.com/hook?tokens=1&mytoken=2')).toBe('https://n8n.example.com/hook?tokens=1&mytoken=2');
  });
});

describe('the action node, against servers that echo what they were sent', () => {
  let server: ScriptedServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  test('Maton: the key in a 401 body, thrown and under Continue On Fail', async () => {
    const KEY = 'maton-echo-key-7f3a91';
    server = await startScriptedServer([echoing(401, (headers) => ({ error: `invalid key ${KEY} (sent: ${headers.authorization})` }))]);
    const credentials = { matonApi: { apiKey: KEY, connectionId: '', businessAccountId: '1', apiVersion: 'v23.0', gatewayUrl: server.url, controlUrl: server.url } };
    const parameters = { authentication: 'matonApi', resource: 'connection', operation: 'getAll' };
    const error = await run(parameters, credentials);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as Error).message).toContain('[redacted]');
    expectNone(surfaces(error as Error), [KEY]);
    const items = (await run(parameters, credentials, true)) as INodeExecutionData[];
    expect(items[0].json.error).toContain('[redacted]');
    expectNone(JSON.stringify(items), [KEY]);
  });

  test('Maton: the sender picker\'s error (options loader) is redacted too', async () => {
    const KEY = 'maton-echo-key-loader-42';
    server = await startScriptedServer([echoing(400, () => ({ error: { message: `upstream said: key=${KEY}` } }))]);
    const fake = fakeContext({
      parameters: { authentication: 'matonApi' },
      providerCredentials: { matonApi: { apiKey: KEY, connectionId: '', businessAccountId: '1', apiVersion: 'v23.0', gatewayUrl: server.url, controlUrl: server.url } },
    });
    const error = await getPhoneNumbers.call(fake.loadOptions).then(
      () => new Error('expected a failure'),
      (thrown: unknown) => thrown as Error,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expectNone(surfaces(error), [KEY]);
  });

  test('ITNIO: the key, the secret and the request\'s own Sign in a status reason', async () => {
    const KEY = 'itnio-echo-key-55';
    const SECRET = 'itnio-echo-secret-66';
    const signs: string[] = [];
    server = await startScriptedServer([
      echoing(200, (headers) => {
        signs.push(headers.sign);
        return { status: '-1', reason: `bad Sign ${headers.sign} for Api-Key ${headers['api-key']} (secret ${SECRET}?)` };
      }),
    ]);
    const credentials = { itnioApi: { apiKey: KEY, apiSecret: SECRET, appId: 'Echo1', businessPhone: '15550000001', baseUrl: server.url } };
    const parameters = { authentication: 'itnioApi', resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'hi' };
    const error = await run(parameters, credentials);
    expect(error).toBeInstanceOf(NodeApiError);
    expect(signs[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(String((error as NodeApiError).description)).toContain('bad Sign [redacted] for Api-Key [redacted] (secret [redacted]?)');
    expectNone(surfaces(error as Error), [KEY, SECRET, ...signs]);
    const items = (await run(parameters, credentials, true)) as INodeExecutionData[];
    expectNone(JSON.stringify(items), [KEY, SECRET, ...signs]);
  });

  test('On-Premises: the password, its Basic value and the login token in an error list', async () => {
    const PASSWORD = 'onprem-echo-pw-8841';
    const TOKEN = 'onprem-echo-token-0c9d2e';
    const basic = Buffer.from(`admin:${PASSWORD}`).toString('base64');
    server = await startScriptedServer([
      (req, res, body) =>
        (req.url === '/v1/users/login'
          ? echoing(200, () => ({ users: [{ token: TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }] }))
          : echoing(400, () => ({ errors: [{ code: 1009, title: 'Parameter value is not valid', details: `token ${TOKEN}, login ${basic}, password ${PASSWORD}` }] })))(req, res, body),
    ]);
    const credentials = { whatsAppOnPremisesApi: { baseUrl: `${server.url}/v1`, username: 'admin', password: PASSWORD, readinessTimeout: 0, token: '' } };
    const parameters = { authentication: 'onPremisesApi', resource: 'contact', operation: 'check', contacts: '+1 650 555 1234' };
    const error = await run(parameters, credentials);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as Error).message).toMatch(/1009/);
    expectNone(surfaces(error as Error), [PASSWORD, TOKEN, basic]);
    const items = (await run(parameters, credentials, true)) as INodeExecutionData[];
    expect(items[0].json).toMatchObject({ kind: 'api', code: 1009 });
    expectNone(JSON.stringify(items), [PASSWORD, TOKEN, basic]);
  });
});

describe('On-Premises items that would hold the Webhook Secret', () => {
  test('Account > Get Settings masks the ?token= of the webhook URL (the trigger\'s automatic setup puts it there)', async () => {
    const PASSWORD = 'onprem-settings-pw';
    const SECRET = 'settings-webhook-secret-31';
    const sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, callbackUrl: `https://n8n.example.com/webhook/abc/webhook?token=${SECRET}` });
    try {
      const credentials = { whatsAppOnPremisesApi: { baseUrl: sandbox.url, username: 'admin', password: PASSWORD, readinessTimeout: 5, webhookSecret: SECRET, token: '' } };
      const items = (await run({ authentication: 'onPremisesApi', resource: 'account', operation: 'getSettings' }, credentials)) as INodeExecutionData[];
      expect(items[0].json.webhookUrl).toBe('https://n8n.example.com/webhook/abc/webhook?token=[redacted]');
      expect((items[0].json.settings as IDataObject).webhooks).toMatchObject({ url: 'https://n8n.example.com/webhook/abc/webhook?token=[redacted]' });
      expectNone(JSON.stringify(items), [SECRET]);
    } finally {
      await sandbox.close();
    }
  });

  test('the trigger\'s mediaError never holds the credential\'s password or token', async () => {
    const PASSWORD = 'onprem-media-pw-5521';
    const TOKEN = 'onprem-media-token-77aa';
    const server = await startScriptedServer([
      (req, res, body) =>
        (req.url === '/v1/users/login'
          ? echoing(200, () => ({ users: [{ token: TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }] }))
          : echoing(404, (headers) => ({ errors: [{ code: 1005, title: 'Not found', details: `media for ${headers.authorization} / ${PASSWORD}` }] })))(req, res, body),
    ]);
    try {
      const trigger = new WhatsAppBusinessTrigger();
      const image = { contacts: [{ wa_id: CUSTOMER }], messages: [{ from: CUSTOMER, id: 'gBE-media-1', timestamp: '1750000000', type: 'image', image: { id: 'f3b1c2d4-0000-4000-8000-000000000001', mime_type: 'image/jpeg' } }] };
      const { context } = webhookContext(
        {
          parameters: { authentication: 'onPremisesApi', setupMode: 'manual', events: ['messages'], statusValues: [], messageTypes: [], phoneNumberIds: '', options: { downloadMedia: true } },
          credentials: { whatsAppOnPremisesApi: { baseUrl: server.url, username: 'admin', password: PASSWORD, readinessTimeout: 0, webhookSecret: '', token: '' } },
          staticData: {},
        },
        { webhookName: 'default', rawBody: Buffer.from(JSON.stringify(image)) },
      );
      const result = await trigger.webhook.call(context);
      const [item] = result.workflowData?.[0] ?? [];
      expect(item.json).toMatchObject({ kind: 'message', type: 'image' });
      expect(String(item.json.mediaError)).toContain('[redacted]');
      expectNone(JSON.stringify(item), [PASSWORD, TOKEN]);
    } finally {
      await server.close();
    }
  });
});
