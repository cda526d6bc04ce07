import { inspect } from 'node:util';
import { createMatonProvider, hintForMetaCode, operations, WhatsAppApiError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';
import { json, metaError, raw, reset, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';

const KEY = 'maton-errors-secret-key-2718281828';
const TEXT = { to: '16505551234', type: 'text', text: { body: 'hello' } };
const CONNECTION = {
  connection_id: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
  status: 'ACTIVE',
  creation_time: '2025-12-08T07:20:53.488460Z',
  last_updated_time: '2026-01-31T20:03:32.593153Z',
  url: 'https://connect.maton.ai/?session_token=abc',
  app: 'whatsapp-business',
  metadata: { note: 'x' },
};

let server: ScriptedServer;
let provider: Provider;
let clock: ReturnType<typeof recordingClock>;

async function setup(steps: Step[], extra: Record<string, unknown> = {}): Promise<void> {
  server = await startScriptedServer(steps);
  clock = recordingClock();
  provider = createMatonProvider({
    provider: 'maton',
    apiKey: KEY,
    gatewayUrl: server.url,
    controlUrl: server.url,
    phoneNumberId: '100000000000001',
    maxRequestsPerSecond: 0,
    clock,
    ...extra,
  } as never);
}

afterEach(async () => {
  await provider?.close();
  await server?.close();
});

async function failure(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as WhatsAppApiError,
  );
}

const matonError = (status: number, message: string, headers: Record<string, string> = {}): Step => json(status, { error: { type: 'x', message } }, headers);

describe("the gateway's own errors", () => {
  it('400 without a configured connection: missing connection, hint on creating one and on the oldest ACTIVE default', async () => {
    await setup([matonError(400, 'No connection found')]);
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', provider: 'maton', httpStatus: 400, metaCode: null, retryable: false });
    expect(error.message).toBe('Maton gateway: missing WhatsApp Business connection or invalid request (HTTP 400 from the gateway: No connection found)');
    expect(error.hint).toMatch(/oldest ACTIVE/);
    expect(error.hint).toMatch(/connection\.create and open its url/);
    expect(error.hint).toMatch(/ACTIVE one from connection\.list/);
  });

  it('400 with a configured connection names it in the hint', async () => {
    await setup([json(400, { message: 'Invalid connection' })], { connectionId: 'conn-42' });
    const error = await failure(operations['phoneNumber.get'].run(provider, {}));
    expect(error.hint).toMatch(/^The Maton-Connection conn-42 may be deleted, not authorized yet or not ACTIVE/);
    expect(server.requests).toHaveLength(1);
  });

  it('401: the key problem, with where to get a key, and the key nowhere even if the server echoes it', async () => {
    await setup([json(401, { error: `Invalid API key ${KEY}` })]);
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ httpStatus: 401, retryable: false, hint: expect.stringContaining('https://maton.ai/settings') });
    expect(error.message).toMatch(/^Maton API key invalid or missing \(HTTP 401 from the gateway: Invalid API key \[redacted\]\)$/);
    const everything = `${error.message} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${inspect(provider, { depth: 10 })}`;
    expect(everything).not.toContain(KEY);
  });

  it('404 without a Graph envelope is a Maton not-found naming what to check', async () => {
    await setup([raw(404, 'text/html', '<html><title>Not Found</title><body>nope</body></html>')]);
    const error = await failure(operations['phoneNumber.get'].run(provider, {}));
    expect(error).toMatchObject({ httpStatus: 404, metaCode: null });
    expect(error.message).toMatch(/^Maton gateway: not found \(HTTP 404 from the gateway: Not Found nope\)$/);
    expect(error.hint).toMatch(/gateway URL/);
  });

  it('429 is retried after Retry-After, also for a send (Maton refused it, nothing was sent)', async () => {
    await setup([matonError(429, 'Rate limit exceeded', { 'retry-after': '2' }), json(200, { messages: [{ id: 'wamid.OK' }] })]);
    await expect(operations['message.send'].run(provider, TEXT)).resolves.toMatchObject({ messageId: 'wamid.OK' });
    expect(clock.sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(2);
  });

  it('429 past the retries: retryable, Retry-After kept, the 10 requests/s hint', async () => {
    await setup([matonError(429, 'Rate limit exceeded', { 'retry-after': '1' })], { retry: { maxRetries: 1 } });
    const error = await failure(operations['template.list'].run(provider, { wabaId: '200000000000001' }));
    expect(error).toMatchObject({ httpStatus: 429, retryable: true, retryAfterSeconds: 1 });
    expect(error.message).toMatch(/^Maton rate limit reached/);
    expect(error.hint).toMatch(/10 requests per second per account/);
    expect(server.requests).toHaveLength(2);
  });

  it('5xx: a send is not repeated (may have been processed); a lookup is', async () => {
    await setup([matonError(502, 'Bad gateway')]);
    const send = await failure(operations['message.send'].run(provider, TEXT));
    expect(send).toMatchObject({ httpStatus: 502, retryable: false, hint: expect.stringMatching(/may have been processed/) });
    expect(send.message).toMatch(/^Maton gateway failed \(HTTP 502/);
    expect(server.requests).toHaveLength(1);
    await provider.close();
    await server.close();

    await setup([matonError(500, 'Internal error'), json(200, { id: '100000000000001', display_phone_number: '15550000001' })]);
    await expect(operations['phoneNumber.get'].run(provider, {})).resolves.toMatchObject({ id: '100000000000001' });
    expect(server.requests).toHaveLength(2);
  });

  it('a 5xx lookup that keeps failing hints at an expired connection authorization', async () => {
    await setup([matonError(500, 'Internal error')], { retry: { maxRetries: 0 } });
    const error = await failure(operations['phoneNumber.get'].run(provider, {}));
    expect(error.hint).toMatch(/authorization expired: create a new connection/);
  });
});

describe('Graph errors passed through the gateway', () => {
  it("keep Meta's code, details and hint (131047)", async () => {
    await setup([metaError(400, 131047, 'Re-engagement message', { error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed' } })]);
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ httpStatus: 400, metaCode: 131047, details: 'More than 24 hours have passed', hint: hintForMetaCode(131047) });
    expect(error.message).toBe('Maton gateway error 131047: Re-engagement message: More than 24 hours have passed');
  });

  it('a throttling code from Meta is retried like on the Cloud API (130429)', async () => {
    await setup([metaError(400, 130429, 'Rate limit hit'), json(200, { messages: [{ id: 'wamid.AFTER' }] })]);
    await expect(operations['message.send'].run(provider, TEXT)).resolves.toMatchObject({ messageId: 'wamid.AFTER' });
  });

  it("Meta's token error points at the connection, since the user holds no Meta token (190)", async () => {
    await setup([metaError(401, 190, 'Invalid OAuth access token')]);
    const error = await failure(operations['phoneNumber.get'].run(provider, {}));
    expect(error).toMatchObject({ httpStatus: 401, metaCode: 190, retryable: false });
    expect(error.hint).toMatch(/access token Maton holds for this connection/);
  });
});

describe('connection API', () => {
  it('maps list answers to the connection schema', async () => {
    await setup([json(200, { connections: [CONNECTION, { connection_id: 'c2', status: 'PENDING' }] })]);
    await expect(operations['connection.list'].run(provider, { app: 'whatsapp-business', status: 'ACTIVE' })).resolves.toEqual({
      count: 2,
      connections: [
        {
          connectionId: CONNECTION.connection_id,
          status: 'ACTIVE',
          app: 'whatsapp-business',
          url: CONNECTION.url,
          createdAt: CONNECTION.creation_time,
          updatedAt: CONNECTION.last_updated_time,
          metadata: { note: 'x' },
        },
        { connectionId: 'c2', status: 'PENDING', app: null, url: null, createdAt: null, updatedAt: null, metadata: {} },
      ],
    });
    expect(server.requests[0].url).toBe('/connections?app=whatsapp-business&status=ACTIVE');
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['nested in connection', { connection: { ...CONNECTION, status: 'PENDING' } }, CONNECTION.url],
    ['with a top-level url', { connection_id: 'c3', url: 'https://connect.maton.ai/?session_token=top' }, 'https://connect.maton.ai/?session_token=top'],
    ['with a top-level auth_url', { connection: { connection_id: 'c4' }, auth_url: 'https://connect.maton.ai/?session_token=auth' }, 'https://connect.maton.ai/?session_token=auth'],
  ])('create reads the url to open when the answer is %s', async (_name, answer, url) => {
    await setup([json(200, answer)]);
    const created = await operations['connection.create'].run(provider, {});
    expect(created).toMatchObject({ status: 'PENDING', url });
    expect(JSON.parse(server.requests[0].body.toString())).toEqual({ app: 'whatsapp-business' });
  });

  it('create is not repeated after a 5xx (a second PENDING connection would be left behind)', async () => {
    await setup([matonError(503, 'Unavailable'), json(200, { connection: CONNECTION })]);
    const error = await failure(operations['connection.create'].run(provider, {}));
    expect(error).toMatchObject({ httpStatus: 503, retryable: false, hint: expect.stringMatching(/may have been processed/) });
    expect(error.message).toMatch(/^Maton connection API failed/);
    expect(server.requests).toHaveLength(1);
  });

  it('create is not repeated when the connection drops after the request left, nor after an unreadable 2xx', async () => {
    await setup([reset, json(200, { connection: CONNECTION })]);
    const dropped = await failure(operations['connection.create'].run(provider, {}));
    expect(dropped).toMatchObject({ kind: 'network', retryable: false, hint: expect.stringMatching(/may have been processed/) });
    expect(server.requests).toHaveLength(1);
    await provider.close();
    await server.close();
    await setup([raw(200, 'text/html', '<html>ok</html>'), json(200, { connection: CONNECTION })]);
    const unreadable = await failure(operations['connection.create'].run(provider, {}));
    expect(unreadable).toMatchObject({ httpStatus: 200, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('create is repeated after a 429 (Maton refused it, so nothing was created) and then succeeds', async () => {
    await setup([matonError(429, 'Too many requests', { 'retry-after': '1' }), json(200, { connection: CONNECTION })]);
    await expect(operations['connection.create'].run(provider, {})).resolves.toMatchObject({ connectionId: CONNECTION.connection_id });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([1000]);
  });

  it('a delete whose first answer was lost (5xx, then 404) counts as done', async () => {
    await setup([matonError(500, 'oops'), matonError(404, 'Connection not found')]);
    await expect(operations['connection.delete'].run(provider, { connectionId: 'c9' })).resolves.toEqual({ deleted: true });
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['DELETE /connections/c9', 'DELETE /connections/c9']);
  });

  it('get of an unknown connection is a 404 naming it; a first-attempt delete 404 is an error too', async () => {
    await setup([matonError(404, 'Connection not found')]);
    const get = await failure(operations['connection.get'].run(provider, { connectionId: 'nope-1' }));
    expect(get.message).toMatch(/^Maton connection nope-1 not found \(HTTP 404 from the connection API/);
    expect(get.hint).toMatch(/connection\.list/);
    const del = await failure(operations['connection.delete'].run(provider, { connectionId: 'nope-1' }));
    expect(del.httpStatus).toBe(404);
  });

  it('a wrong key on the connection API is the same 401 with the same hint', async () => {
    await setup([json(401, { message: 'Unauthorized' })]);
    const error = await failure(operations['connection.list'].run(provider, {}));
    expect(error.message).toMatch(/^Maton API key invalid or missing \(HTTP 401 from the connection API: Unauthorized\)$/);
    expect(error.hint).toMatch(/maton\.ai\/settings/);
  });

  it('validates connection inputs before any request', async () => {
    await setup([json(200, {})]);
    await expect(operations['connection.list'].run(provider, { status: 'active' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(operations['connection.get'].run(provider, { connectionId: '' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(operations['connection.create'].run(provider, { app: 'WhatsApp Business' })).rejects.toMatchObject({ kind: 'validation' });
    expect(server.requests).toHaveLength(0);
  });
});
