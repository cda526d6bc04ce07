import { createProvider, isRetryable, operations, WhatsAppApiError, WhatsAppNetworkError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';
import { hang, json, metaError, raw, reset, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';

const TOKEN = 'EAAG-secret-token-value-1234567890';
const SENT = json(200, { messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id: 'wamid.OK' }] });
const PHONE = json(200, { id: '100000000000001', display_phone_number: '15550000001' });
const TEXT = { to: '16505551234', type: 'text', text: { body: 'hello' } };

let server: ScriptedServer;
let provider: Provider;
let clock: ReturnType<typeof recordingClock>;

async function setup(steps: Step[], requestTimeoutMs = 2000): Promise<void> {
  server = await startScriptedServer(steps);
  clock = recordingClock();
  provider = createProvider({
    provider: 'cloud',
    accessToken: TOKEN,
    baseUrl: server.url,
    phoneNumberId: '100000000000001',
    wabaId: '200000000000001',
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5000 },
    requestTimeoutMs,
    clock,
  });
}

afterEach(async () => {
  await provider?.close();
  await server?.close();
});

const send = () => operations['message.send'].run(provider, TEXT);
const readPhone = () => operations['phoneNumber.get'].run(provider, {});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('retries on a send (not idempotent on Meta)', () => {
  it('retries HTTP 429 and waits exactly the Retry-After seconds', async () => {
    await setup([json(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': '2' }), SENT]);
    await expect(send()).resolves.toMatchObject({ messageId: 'wamid.OK', status: 'accepted' });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
    await setup([json(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': inThreeSeconds }), SENT]);
    await send();
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('does not wait for a Retry-After longer than maxDelayMs and reports it', async () => {
    await setup([json(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': '120' }), SENT]);
    const error = await failure(send());
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ httpStatus: 429, retryAfterSeconds: 120, retryable: true });
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries 130429 (throughput) with growing backoff', async () => {
    await setup([metaError(400, 130429, 'Rate limit hit'), metaError(400, 130429, 'Rate limit hit'), SENT]);
    await send();
    expect(server.requests).toHaveLength(3);
    // random() is 0.5: half the step fixed plus a quarter: 75 ms, then 150 ms.
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('retries 131056 (pair rate) after at least Meta\'s 4^n seconds, capped at maxDelayMs', async () => {
    await setup([metaError(400, 131056, 'pair rate limit hit'), metaError(400, 131056, 'pair rate limit hit'), metaError(400, 131056, 'pair rate limit hit'), SENT]);
    await send();
    // 1 s, 4 s, 16 s plus up to a quarter of jitter (random() is 0.5: +12.5 %), capped at 5 s.
    expect(clock.sleeps).toEqual([1125, 4500, 5000]);
  });

  it('gives up after maxRetries and says the error is retryable later', async () => {
    await setup([metaError(400, 130429, 'Rate limit hit')]);
    const error = await failure(send());
    expect(server.requests).toHaveLength(4);
    expect(error).toMatchObject({ metaCode: 130429, retryable: true });
  });

  it.each([
    ['500 with no Meta code', json(500, { error: { message: 'Internal', type: 'OAuthException' } })],
    ['503 with code 2', metaError(503, 2, 'Service temporarily unavailable')],
    ['131000 something went wrong', metaError(500, 131000, 'Something went wrong')],
    ['an HTML error page', raw(502, 'text/html', '<html><title>502 Bad Gateway</title></html>')],
  ])('does not repeat a send after %s (it may have been processed)', async (_name, step) => {
    await setup([step, SENT]);
    const error = await failure(send());
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a send after a connection reset', async () => {
    await setup([reset, SENT]);
    const error = await failure(send());
    expect(error).toBeInstanceOf(WhatsAppNetworkError);
    expect(error).toMatchObject({ failure: 'connection_reset', requestMayHaveReachedServer: true, retryable: false });
    expect((error as WhatsAppNetworkError).hint).toMatch(/not repeated/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a send after a timeout', async () => {
    await setup([hang, SENT], 300);
    const error = await failure(send());
    expect(error).toMatchObject({ kind: 'network', failure: 'timeout', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a send answered with malformed JSON', async () => {
    await setup([raw(200, 'application/json', '{"messages": [{"id": '), SENT]);
    const error = await failure(send());
    expect(error).toMatchObject({ kind: 'api', httpStatus: 200, retryable: false });
    expect(error.message).toMatch(/not a JSON object/);
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a send whose connection was refused (it never reached the server)', async () => {
    await setup([SENT]);
    const url = server.url;
    await server.close();
    const refused = createProvider({ provider: 'cloud', accessToken: TOKEN, baseUrl: url, phoneNumberId: '1', retry: { maxRetries: 2, baseDelayMs: 10 }, clock });
    const error = await failure(operations['message.send'].run(refused, TEXT));
    await refused.close();
    expect(error).toMatchObject({ kind: 'network', failure: 'connection_refused', requestMayHaveReachedServer: false, retryable: true });
    expect(clock.sleeps).toHaveLength(2);
  });
});

describe('retries on reads (idempotent)', () => {
  it.each([
    ['500', json(500, { error: { message: 'Internal' } })],
    ['503 code 2', metaError(503, 2, 'Service temporarily unavailable')],
    ['131016 service unavailable', metaError(503, 131016, 'Service unavailable')],
    ['a connection reset', reset],
    ['malformed JSON', raw(200, 'application/json', 'not json')],
    ['an HTML page', raw(502, 'text/html; charset=utf-8', '<!DOCTYPE html><html><head><title>Error</title></head></html>')],
  ])('repeats a read after %s', async (_name, step) => {
    await setup([step, PHONE]);
    await expect(readPhone()).resolves.toMatchObject({ id: '100000000000001', displayPhoneNumber: '15550000001' });
    expect(server.requests).toHaveLength(2);
  });

  it('repeats a read after a timeout', async () => {
    await setup([hang, PHONE], 300);
    await expect(readPhone()).resolves.toMatchObject({ id: '100000000000001' });
    expect(server.requests).toHaveLength(2);
  });

  it('does not repeat a read refused for a permanent reason', async () => {
    await setup([metaError(400, 100, 'Invalid parameter'), PHONE]);
    const error = await failure(readPhone());
    expect(error).toMatchObject({ metaCode: 100, retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('honours Meta is_transient on an otherwise permanent-looking code', async () => {
    await setup([metaError(400, 1, 'An unknown error occurred', { is_transient: true }), PHONE]);
    await readPhone();
    expect(server.requests).toHaveLength(2);
  });
});

describe('retry details', () => {
  it('rounds a fractional Retry-After up instead of treating it as a date', async () => {
    await setup([json(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': '1.5' }), SENT]);
    await send();
    expect(clock.sleeps).toEqual([2000]);
  });

  it.each(['-1', 'soon', '1e3', 'Wed, 21 Oct 2026'])('ignores a malformed Retry-After (%s) and backs off normally', async (value) => {
    await setup([json(429, { error: { message: 'Too many', code: 4 } }, { 'retry-after': value }), SENT]);
    await send();
    expect(clock.sleeps).toEqual([75]);
  });

  it('says so when a send failed in a way that may have delivered it', async () => {
    await setup([metaError(503, 2, 'Service temporarily unavailable'), SENT]);
    const error = await failure(send());
    expect(error).toMatchObject({ retryable: false, hint: expect.stringMatching(/may have been processed/) });
  });

  it('isRetryable agrees with the error it is asked about', async () => {
    await setup([metaError(400, 1, 'An unknown error occurred', { is_transient: true })]);
    const error = await failure(readPhone());
    expect(error).toMatchObject({ retryable: true });
    expect(isRetryable(error, true)).toBe(true);
  });

  it('treats "not found" on a repeated delete as success: the first attempt did it, its answer was lost', async () => {
    await setup([reset, metaError(400, 100, 'Unsupported delete request', { error_subcode: 33 })]);
    await expect(operations['media.delete'].run(provider, { mediaId: '123' })).resolves.toEqual({ deleted: true });
    expect(server.requests).toHaveLength(2);
  });

  it('still reports "not found" when the very first delete attempt gets it', async () => {
    await setup([metaError(400, 100, 'Unsupported delete request', { error_subcode: 33 })]);
    await expect(operations['media.delete'].run(provider, { mediaId: '123' })).rejects.toMatchObject({ metaCode: 100, metaSubcode: 33 });
  });
});

describe('timeouts and headers', () => {
  it('bounds the whole request, not only each pause: a body sent slowly times out', async () => {
    const trickle: Step = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(' ');
        sent += 1;
        if (sent > 30) {
          clearInterval(timer);
          res.end('{}');
        }
      }, 100);
      res.on('close', () => clearInterval(timer));
    };
    await setup([trickle], 800);
    const started = Date.now();
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'network', failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('sends the configured User-Agent, and names the provider (not its label) in errors', async () => {
    server = await startScriptedServer([json(200, { messages: [{}] })]);
    provider = createProvider({ provider: 'cloud', accessToken: TOKEN, baseUrl: server.url, phoneNumberId: '1', userAgent: 'my-integration/2.0', clock: recordingClock() });
    const error = await failure(send());
    expect(server.requests[0].headers['user-agent']).toBe('my-integration/2.0');
    expect(error).toMatchObject({ provider: 'cloud', message: 'Meta Cloud API answered without a message id (field "id")' });
  });
});
