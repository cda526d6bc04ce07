import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { startSandbox, type RunningSandbox, type SandboxOptions } from 'whatsapp-sandbox';
import { BodyBudget, BodyBudgetBusyError, ClientGoneError } from '../../sandbox/http/body-budget';

const MIB = 1024 * 1024;
/** What a chunked JSON body reserves (the JSON route limit), and how many of those fit the budget. */
const CHUNKED_RESERVATION = 16 * MIB;
const HOLDERS_THAT_FIT = 14;

interface Slow {
  request: ClientRequest;
  outcome: Promise<{ status: number; headers: IncomingMessage['headers']; body: string } | { error: string }>;
}

/** A chunked POST that sends its first byte and then nothing: it holds (or waits for) a reservation. */
function slowPost(sandbox: RunningSandbox, path: string, headers: Record<string, string> = {}): Slow {
  const url = new URL(sandbox.url);
  const request = httpRequest({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path,
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...headers },
  });
  const outcome = new Promise<{ status: number; headers: IncomingMessage['headers']; body: string } | { error: string }>((resolve) => {
    request.on('response', (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  request.write('{');
  return { request, outcome };
}

/** Polls `condition` every 20 ms for at most `ms`; true when it held. */
async function waitFor(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A normal token-authenticated send; a bounded wait so a jammed sandbox fails the test instead of hanging it. */
async function sendText(sandbox: RunningSandbox): Promise<number | string> {
  try {
    const reply = await fetch(`${sandbox.url}/v23.0/${sandbox.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '15552220000', type: 'text', text: { body: 'still answering?' } }),
      signal: AbortSignal.timeout(5_000),
    });
    await reply.text();
    return reply.status;
  } catch (error) {
    return error instanceof Error ? error.name : String(error);
  }
}

describe('the body budget cannot leak or jam the sandbox', () => {
  let sandbox: RunningSandbox | null = null;
  const opened: Slow[] = [];

  async function start(options: SandboxOptions = {}): Promise<RunningSandbox> {
    sandbox = await startSandbox({ port: 0, window: false, mps: 0, pairRate: 0, ...options });
    return sandbox;
  }

  function open(running: RunningSandbox, count: number, path = '/_sandbox/inbound', headers: Record<string, string> = {}): Slow[] {
    const slow = Array.from({ length: count }, () => slowPost(running, path, headers));
    opened.push(...slow);
    return slow;
  }

  /** Fills the budget with slow holders (14 granted, the 15th waiting) and waits until they hold it. */
  async function fill(running: RunningSandbox): Promise<Slow[]> {
    const holders = open(running, HOLDERS_THAT_FIT + 1);
    expect(await waitFor(() => running.bodyBytesInUse === HOLDERS_THAT_FIT * CHUNKED_RESERVATION)).toBe(true);
    return holders;
  }

  afterEach(async () => {
    for (const slow of opened.splice(0)) slow.request.destroy();
    await sandbox?.close();
    sandbox = null;
  });

  it('waiters that disconnect, then holders that disconnect: the budget returns to 0 and a send is answered', async () => {
    const running = await start();
    const holders = await fill(running);
    const waiters = open(running, 15);
    await pause(300); // the waiters reach the server and queue
    for (const waiter of waiters) waiter.request.destroy();
    await pause(100);
    for (const holder of holders) holder.request.destroy();
    expect(await waitFor(() => running.bodyBytesInUse === 0)).toBe(true);
    expect(await sendText(running)).toBe(200);
  }, 30_000);

  it('a waiter disconnects while the budget is full; the holders finish and later requests are answered', async () => {
    const running = await start();
    const holders = await fill(running);
    const [waiter] = open(running, 1);
    await pause(200);
    waiter.request.destroy();
    await pause(100);
    for (const holder of holders) holder.request.end('}');
    const answers = await Promise.all(holders.map((holder) => holder.outcome));
    for (const answer of answers) expect(answer).toMatchObject({ status: expect.any(Number) });
    expect(await waitFor(() => running.bodyBytesInUse === 0)).toBe(true);
    expect(await sendText(running)).toBe(200);
  }, 30_000);

  it('a large waiter at the head of the queue does not block a small request that fits', async () => {
    const running = await start();
    // 14 holders leave 10 MB free; the 15th (16 MB, chunked) waits at the head of the queue.
    await fill(running);
    expect(await sendText(running)).toBe(200);
    expect(running.bodyBytesInUse).toBe(HOLDERS_THAT_FIT * CHUNKED_RESERVATION);
  }, 30_000);

  it('a waiter that gets no room in time is answered 503 with Retry-After', async () => {
    const running = await start({ bodyWaitMs: 300 });
    await fill(running);
    const [waiter] = open(running, 1);
    const outcome = await waiter.outcome;
    expect(outcome).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ error: { code: 2, message: expect.stringMatching(/^request body: the sandbox is busy/) } });
    expect(running.bodyBytesInUse).toBe(HOLDERS_THAT_FIT * CHUNKED_RESERVATION);
  }, 30_000);

  it('a body that stops arriving is answered 408 and its reservation returns', async () => {
    const running = await start({ bodyIdleMs: 300 });
    const [trickle] = open(running, 1);
    const outcome = await trickle.outcome;
    expect(outcome).toMatchObject({ status: 408 });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ error: { message: 'request body: no byte arrived for 300 ms; send the body without long pauses' } });
    expect(await waitFor(() => running.bodyBytesInUse === 0)).toBe(true);
  }, 30_000);

  it('many slow holders that disconnect give every byte back', async () => {
    const running = await start();
    const sends = open(running, 40, `/v23.0/${running.phoneNumberId}/messages`, { Authorization: `Bearer ${running.token}` });
    const holders = sends.concat(open(running, 10));
    expect(await waitFor(() => running.bodyBytesInUse === HOLDERS_THAT_FIT * CHUNKED_RESERVATION)).toBe(true);
    for (const holder of holders) holder.request.destroy();
    expect(await waitFor(() => running.bodyBytesInUse === 0)).toBe(true);
    expect(await sendText(running)).toBe(200);
  }, 30_000);
});

describe('bodyWaitMs / bodyIdleMs options', () => {
  it('refuse 0 and non-integers, naming the option', async () => {
    await expect(startSandbox({ bodyWaitMs: 0 })).rejects.toThrow('bodyWaitMs must be a whole number of ms between 1 and 2147483647 (got 0)');
    await expect(startSandbox({ bodyIdleMs: 1.5 })).rejects.toThrow('bodyIdleMs must be a whole number of ms between 1 and 2147483647 (got 1.5)');
  });
});

describe('BodyBudget waiting rules', () => {
  const timeouts = { waitMs: 60_000, idleMs: 60_000 };

  it('a waiter whose signal aborts leaves the queue and never reserves', async () => {
    const budget = new BodyBudget(100, timeouts);
    const release = await budget.acquire(100);
    const gone = new AbortController();
    const waiting = budget.acquire(50, gone.signal);
    expect(budget.waiters).toBe(1);
    gone.abort();
    await expect(waiting).rejects.toBeInstanceOf(ClientGoneError);
    expect(budget.waiters).toBe(0);
    release();
    expect(budget.inUse).toBe(0);
  });

  it('grants any waiter that fits, not only the head of the queue', async () => {
    const budget = new BodyBudget(100, { waitMs: 200, idleMs: 60_000 });
    const first = await budget.acquire(90);
    const large = budget.acquire(100);
    const small = await budget.acquire(10);
    expect(budget.inUse).toBe(100);
    small();
    first();
    // The large waiter gets the whole budget once it is free.
    const releaseLarge = await large;
    expect(budget.inUse).toBe(100);
    releaseLarge();
    expect(budget.inUse).toBe(0);
  });

  it('a waiter gives up after waitMs with BodyBudgetBusyError', async () => {
    const budget = new BodyBudget(100, { waitMs: 50, idleMs: 60_000 });
    const release = await budget.acquire(100);
    await expect(budget.acquire(1)).rejects.toBeInstanceOf(BodyBudgetBusyError);
    expect(budget.waiters).toBe(0);
    release();
    expect(budget.inUse).toBe(0);
  });
});
