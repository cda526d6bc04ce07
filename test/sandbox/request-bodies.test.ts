import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { BodyBudget } from '../../sandbox/http/body-budget';

const MIB = 1024 * 1024;

interface Upload {
  request: ClientRequest;
  /** Resolves with the answer, or with the client-side error code (ECONNRESET, EPIPE...). */
  outcome: Promise<{ status: number; body: string } | { error: string }>;
}

/** Starts a POST and returns before any of its body is written. */
function startUpload(sandbox: RunningSandbox, path: string, headers: Record<string, string>): Upload {
  const url = new URL(sandbox.url);
  const request = httpRequest({ host: url.hostname, port: url.port, method: 'POST', path, headers });
  const outcome = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    request.on('response', (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  return { request, outcome };
}

/** Writes `total` bytes in 1 MiB chunks (reusing one buffer), honouring back-pressure, until done or the answer came. */
async function stream(upload: Upload, total: number, answered: () => boolean): Promise<number> {
  const chunk = Buffer.alloc(MIB, 0x61);
  let sent = 0;
  while (sent < total && !answered() && !upload.request.destroyed) {
    sent += chunk.length;
    if (!upload.request.write(chunk)) await new Promise((resolve) => upload.request.once('drain', resolve).once('close', resolve));
  }
  if (!answered() && !upload.request.destroyed) upload.request.end();
  return sent;
}

const mediaHeaders = (token: string | null, extra: Record<string, string> = {}): Record<string, string> => ({
  'Content-Type': 'multipart/form-data; boundary=x',
  ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
  ...extra,
});

describe('request bodies: authenticate first, bound what is held, answer 413 properly', () => {
  let sandbox: RunningSandbox;
  const mediaPath = (): string => `/v23.0/${sandbox.phoneNumberId}/media`;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it('answers an unauthenticated 90 MB upload with 401 before the client has sent its body', async () => {
    const uploads = [0, 1, 2, 3].map(() => startUpload(sandbox, mediaPath(), mediaHeaders('wrong-token', { 'Content-Length': String(90 * MIB) })));
    for (const upload of uploads) upload.request.write(Buffer.alloc(1024));
    // Nothing more is written: a server that reads the body before the token would never answer.
    const outcomes = await Promise.all(uploads.map((upload) => upload.outcome));
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 401 });
      expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ error: { code: 190 } });
    }
    uploads.forEach((upload) => upload.request.destroy());
  });

  it('answers 401 without reading the body for a missing token too', async () => {
    const upload = startUpload(sandbox, mediaPath(), mediaHeaders(null, { 'Content-Length': String(50 * MIB) }));
    upload.request.write(Buffer.alloc(10));
    expect(await upload.outcome).toMatchObject({ status: 401 });
    upload.request.destroy();
  });

  it('refuses a declared Content-Length over the limit with 413 before reading any of it', async () => {
    const upload = startUpload(sandbox, mediaPath(), mediaHeaders(sandbox.token, { 'Content-Length': String(500 * MIB) }));
    upload.request.write(Buffer.alloc(10));
    const outcome = await upload.outcome;
    expect(outcome).toMatchObject({ status: 413 });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ error: { code: 131053, error_data: { details: expect.stringMatching(/^file: the upload is larger than \d+ bytes/) } } });
    upload.request.destroy();
  });

  it('answers an oversized chunked upload with 413 that the client reads (no connection reset)', async () => {
    const upload = startUpload(sandbox, mediaPath(), mediaHeaders(sandbox.token, { 'Transfer-Encoding': 'chunked' }));
    let answered = false;
    void upload.outcome.then(() => (answered = true));
    const sent = await stream(upload, 150 * MIB, () => answered);
    expect(await upload.outcome).toMatchObject({ status: 413 });
    expect(sent).toBeGreaterThan(100 * MIB);
  }, 90_000);

  it('answers an endless chunked body with 413 as soon as it passes the limit', async () => {
    const upload = startUpload(sandbox, mediaPath(), mediaHeaders(sandbox.token, { 'Transfer-Encoding': 'chunked' }));
    let answered = false;
    void upload.outcome.then(() => (answered = true));
    const sent = await stream(upload, Number.MAX_SAFE_INTEGER, () => answered);
    expect(await upload.outcome).toMatchObject({ status: 413 });
    // The answer came while the client was still sending, not after a timeout or a reset.
    expect(sent).toBeLessThan(400 * MIB);
    upload.request.destroy();
  }, 90_000);

  it('answers an oversized chunked JSON send with 413 and code 100', async () => {
    const upload = startUpload(sandbox, `/v23.0/${sandbox.phoneNumberId}/messages`, { 'Content-Type': 'application/json', Authorization: `Bearer ${sandbox.token}`, 'Transfer-Encoding': 'chunked' });
    let answered = false;
    void upload.outcome.then(() => (answered = true));
    await stream(upload, 20 * MIB, () => answered);
    const outcome = await upload.outcome;
    expect(outcome).toMatchObject({ status: 413 });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ error: { code: 100, error_data: { details: 'request body: larger than 16777216 bytes' } } });
  }, 60_000);

  it('answers an oversized chunked control request with 413', async () => {
    const upload = startUpload(sandbox, '/_sandbox/inbound', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    let answered = false;
    void upload.outcome.then(() => (answered = true));
    await stream(upload, 20 * MIB, () => answered);
    expect(await upload.outcome).toMatchObject({ status: 413, body: JSON.stringify({ error: { message: 'body: larger than 16777216 bytes' } }) });
  }, 60_000);

  it('still serves the next request after a refused body', async () => {
    const reply = await fetch(`${sandbox.url}/v23.0/${sandbox.phoneNumberId}`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    expect(reply.status).toBe(200);
  });
});

describe('BodyBudget: bodies held in memory at once', () => {
  it('grants reservations up to its capacity and queues the rest in arrival order', async () => {
    const budget = new BodyBudget(100);
    const first = await budget.acquire(60);
    const second = await budget.acquire(40);
    expect(budget.inUse).toBe(100);
    const order: string[] = [];
    const third = budget.acquire(50).then((release) => (order.push('third'), release));
    const fourth = budget.acquire(10).then((release) => (order.push('fourth'), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    first();
    const releaseThird = await third;
    const releaseFourth = await fourth;
    expect(order).toEqual(['third', 'fourth']);
    expect(budget.inUse).toBe(100);
    second();
    releaseThird();
    releaseFourth();
    expect(budget.inUse).toBe(0);
  });

  it('a release counts once, and a request larger than the budget takes the whole budget', async () => {
    const budget = new BodyBudget(100);
    const release = await budget.acquire(1000);
    expect(budget.inUse).toBe(100);
    release();
    release();
    expect(budget.inUse).toBe(0);
  });

  it('bounds concurrent authenticated uploads: 8 at 60 MB never hold more than the budget', async () => {
    const budget = new BodyBudget(2 * 101 * MIB + 32 * MIB);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await budget.acquire(60 * MIB);
        peak = Math.max(peak, budget.inUse);
        await new Promise((resolve) => setTimeout(resolve, 5));
        release();
      }),
    );
    expect(peak).toBeLessThanOrEqual(budget.capacity);
    expect(peak).toBe(3 * 60 * MIB);
  });
});

describe('request bodies: Expect: 100-continue', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  const expectContinue = (token: string, length: number, body: Buffer | null) =>
    new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      const url = new URL(sandbox.url);
      let continued = false;
      const request = httpRequest({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/v23.0/${sandbox.phoneNumberId}/messages`,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(length), Expect: '100-continue' },
      });
      request.on('continue', () => {
        continued = true;
        if (body !== null) request.end(body);
      });
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, continued }));
      });
      request.on('error', reject);
      request.flushHeaders();
    });

  it('a client with a wrong token is refused without being told to send its body', async () => {
    expect(await expectContinue('wrong-token', 90 * MIB, null)).toEqual({ status: 401, continued: false });
  });

  it('a declared length over the limit is refused without being told to send', async () => {
    expect(await expectContinue(sandbox.token, 90 * MIB, null)).toEqual({ status: 413, continued: false });
  });

  it('an authenticated client is told to continue and its message is read', async () => {
    const body = Buffer.from(JSON.stringify({ messaging_product: 'whatsapp', to: '15552220000', type: 'text', text: { body: 'Hi' } }));
    const outcome = await expectContinue(sandbox.token, body.length, body);
    expect(outcome.continued).toBe(true);
    expect(outcome.status).toBe(200);
  });
});
