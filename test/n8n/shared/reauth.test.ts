/**
 * The On-Premises re-login in the n8n transport. n8n logs in again only for a request that throws
 * on a 401, and the transport asks for answers instead of throws; so after a 401 it sends once
 * more letting n8n throw, n8n logs in and repeats it. A 401 means the client refused the request
 * unread, so the repeats cannot double a message; nothing else is ever re-sent, the whole is
 * bounded (no loop however often the client refuses), and file bytes go through intact.
 */
import type { IAllExecuteFunctions, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { n8nTransport } from '../../../nodes/shared/n8n-transport';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { startScriptedServer } from '../../helpers/scripted-server';
import { binaryItem, fakeContext } from '../helpers/execute-context';

const node = new WhatsAppBusiness();
const CUSTOMER = '16505551234';

/** Every byte value, and sequences that are not UTF-8 (a lone continuation byte, an overlong form, a BOM). */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, index) => 255 - index)), Buffer.from([0x80, 0xc0, 0xaf, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00])]);

function stub(answers: (number | Error)[]): { context: IAllExecuteFunctions; sent: IHttpRequestOptions[] } {
  const sent: IHttpRequestOptions[] = [];
  const context = {
    helpers: {
      httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
        sent.push(options);
        const answer = answers.shift();
        if (answer === undefined) throw new Error('no more answers');
        if (answer instanceof Error) throw answer;
        return { statusCode: answer, headers: {}, body: Buffer.from('{}') };
      },
    },
  } as unknown as IAllExecuteFunctions;
  return { context, sent };
}

describe('the transport re-sends only after a 401, at most once', () => {
  test.each([200, 201, 400, 403, 404, 429, 500, 503])('a %i is returned as is: sent once', async (status) => {
    const { context, sent } = stub([status]);
    const answer = await n8nTransport(context, 'whatsAppOnPremisesApi', { reauthenticateOn401: true }).request({ method: 'POST', url: 'https://wa.example.com/v1/messages', headers: {}, body: '{}' });
    expect(answer.status).toBe(status);
    expect(sent).toHaveLength(1);
  });

  test('a 401 after n8n\'s re-login (n8n throws it) is the answer: two sends by the transport, never a third', async () => {
    const refusedAgain = new NodeApiError({ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, Object.assign(new Error('Request failed with status code 401'), { httpCode: '401' }) as never, { httpCode: '401' });
    const { context, sent } = stub([401, refusedAgain]);
    const answer = await n8nTransport(context, 'whatsAppOnPremisesApi', { reauthenticateOn401: true }).request({ method: 'POST', url: 'https://wa.example.com/v1/messages', headers: {}, body: '{}' });
    expect(answer.status).toBe(401);
    expect(sent.map((options) => options.ignoreHttpStatusErrors)).toEqual([true, false]);
  });

  test('the same bytes go out both times (a Buffer, not a string)', async () => {
    const { context, sent } = stub([401, 200]);
    await n8nTransport(context, 'whatsAppOnPremisesApi', { reauthenticateOn401: true }).request({ method: 'POST', url: 'https://wa.example.com/v1/media', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(BINARY) });
    expect(sent).toHaveLength(2);
    for (const options of sent) {
      expect(Buffer.isBuffer(options.body)).toBe(true);
      expect((options.body as Buffer).equals(BINARY)).toBe(true);
    }
  });
});

describe('On-Premises through n8n\'s login flow (sandbox --flavor onprem)', () => {
  const PASSWORD = 'reauth-onprem-pw-2231';
  let sandbox: RunningSandbox;
  let credentials: IDataObject;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, window: false, mps: 0, pairRate: 0 });
    // No readiness wait: the expired token must meet the send or the upload itself, not /v1/health.
    credentials = { baseUrl: `${sandbox.url}/v1`, username: 'admin', password: PASSWORD, readinessTimeout: 0, token: '' };
  });
  afterAll(() => sandbox.close());

  const accepted = async (): Promise<number> => ((await (await fetch(`${sandbox.url}/_sandbox/messages`)).json()) as { data: unknown[] }).data.length;

  test('a send with an expired token is accepted exactly once', async () => {
    credentials.token = 'expired-token-1';
    const before = await accepted();
    const fake = fakeContext({ parameters: { authentication: 'onPremisesApi', resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'once' }, providerCredentials: { whatsAppOnPremisesApi: credentials } });
    const [[item]] = await node.execute.call(fake.context);
    expect(item.json.status).toBe('accepted');
    expect(await accepted()).toBe(before + 1);
    expect(fake.calls.filter((call) => call.path === '/v1/messages').map((call) => call.status)).toEqual([401, 401, 200]);
    expect(fake.logins).toEqual({ whatsAppOnPremisesApi: 1 });
  });

  test('non-UTF-8 bytes: uploaded with an expired token and downloaded with another, identical', async () => {
    credentials.token = 'expired-token-2';
    const upload = fakeContext({
      parameters: { authentication: 'onPremisesApi', resource: 'media', operation: 'upload', binaryPropertyName: 'data' },
      providerCredentials: { whatsAppOnPremisesApi: credentials },
      items: [binaryItem(BINARY, 'application/pdf', 'bytes.pdf')],
    });
    const [[uploaded]] = await node.execute.call(upload.context);
    expect(upload.calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /v1/media 401', 'POST /v1/media 401', 'POST /v1/users/login 200', 'POST /v1/media 200']);
    credentials.token = 'expired-token-3';
    const download = fakeContext({
      parameters: { authentication: 'onPremisesApi', resource: 'media', operation: 'download', mediaId: String(uploaded.json.mediaId), binaryPropertyName: 'file' },
      providerCredentials: { whatsAppOnPremisesApi: credentials },
    });
    const [[downloaded]] = await node.execute.call(download.context);
    expect(download.calls.map((call) => `${call.method} ${call.path.replace(/[0-9a-f-]{36}/, '{id}')} ${call.status}`)).toEqual(['GET /v1/media/{id} 401', 'GET /v1/media/{id} 401', 'POST /v1/users/login 200', 'GET /v1/media/{id} 200']);
    expect(Buffer.from(String(downloaded.binary?.file.data), 'base64').equals(BINARY)).toBe(true);
    expect(downloaded.json).toMatchObject({ mimeType: 'application/pdf', fileSize: BINARY.length });
  });
});

describe('a client that refuses every token', () => {
  test('a send fails after one login and three refused attempts: no loop, nothing accepted', async () => {
    const server = await startScriptedServer([
      (req, res) => {
        res.writeHead(req.url === '/v1/users/login' ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.url === '/v1/users/login' ? { users: [{ token: 'fresh-but-refused', expires_after: '2099-01-01 00:00:00+00:00' }] } : { errors: [{ code: 1005, title: 'Access denied' }] }));
      },
    ]);
    try {
      const fake = fakeContext({
        parameters: { authentication: 'onPremisesApi', resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'never' },
        providerCredentials: { whatsAppOnPremisesApi: { baseUrl: `${server.url}/v1`, username: 'admin', password: 'pw-refused-1', readinessTimeout: 0, token: 'stale' } },
      });
      const error = await node.execute.call(fake.context).then(
        () => new Error('expected a failure'),
        (thrown: unknown) => thrown as NodeApiError,
      );
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).httpCode).toBe('401');
      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /v1/messages', 'POST /v1/messages', 'POST /v1/users/login', 'POST /v1/messages']);
    } finally {
      await server.close();
    }
  });
});
