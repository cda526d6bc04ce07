import { createMatonProvider, operations, systemClock, UndiciTransport, WhatsAppApiError } from 'whatsapp-business-core';
import type { Clock, Provider } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';
import { sentMessages } from './helpers/sandbox-provider';

const KEY = 'maton-rate-key-19a8b7c6d5';
const CUSTOMER = '16505551234';

interface Env {
  sandbox: RunningSandbox;
  provider: Provider;
  /** Status of every gateway and connection API answer, from the sandbox's own request log. */
  statuses: number[];
  /** Waits the provider asked its clock for (really waited: the sandbox's limit runs on real time). */
  sleeps: number[];
  close(): Promise<void>;
}

async function start(sandboxOptions: SandboxOptions, providerOptions: Record<string, unknown>): Promise<Env> {
  const statuses: number[] = [];
  const log = (line: string): void => {
    const match = /^[A-Z]+ \/(?:whatsapp-business|connections)\S* -> (\d{3})/.exec(line);
    if (match !== null) statuses.push(Number(match[1]));
  };
  const sandbox = await startSandbox({ port: 0, flavor: 'maton', token: KEY, mps: 0, pairRate: 0, window: false, log, ...sandboxOptions });
  const sleeps: number[] = [];
  const clock: Clock = { now: systemClock.now, random: systemClock.random, sleep: (ms) => (sleeps.push(ms), systemClock.sleep(ms)) };
  const provider = createMatonProvider({
    provider: 'maton',
    apiKey: KEY,
    gatewayUrl: sandbox.url,
    controlUrl: sandbox.url,
    phoneNumberId: sandbox.phoneNumberId,
    transport: new UndiciTransport(),
    clock,
    ...providerOptions,
  } as never);
  return {
    sandbox,
    provider,
    statuses,
    sleeps,
    close: async () => {
      await provider.close();
      await sandbox.close();
    },
  };
}

const text = (body: string) => ({ to: CUSTOMER, type: 'text', text: { body } });
let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('Maton rate limit (10 requests/s per account) over real HTTP', () => {
  it('without pacing, a 429 is retried after its Retry-After and the send goes out exactly once', async () => {
    env = await start({ gatewayRps: 2 }, { maxRequestsPerSecond: 0 });
    const results = [];
    for (const body of ['one', 'two', 'three']) results.push(await operations['message.send'].run(env.provider, text(body)));
    expect(results.every((result) => result.status === 'accepted')).toBe(true);
    expect(env.statuses).toContain(429);
    // The wait came from the sandbox's Retry-After (1 s), not from the backoff formula.
    expect(env.sleeps).toContain(1000);
    const sent = await sentMessages(env.sandbox);
    expect(sent.map((message) => (message.payload.text as { body: string }).body).sort()).toEqual(['one', 'three', 'two']);
  });

  it('without retries, the 429 is a retryable error with Retry-After and the rate hint', async () => {
    env = await start({ gatewayRps: 1 }, { maxRequestsPerSecond: 0, retry: { maxRetries: 0 } });
    await operations['phoneNumber.get'].run(env.provider, {});
    const error = await operations['phoneNumber.get'].run(env.provider, {}).catch((e: unknown) => e as WhatsAppApiError);
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ httpStatus: 429, retryable: true, retryAfterSeconds: 1, metaCode: null });
    expect((error as WhatsAppApiError).message).toMatch(/^Maton rate limit reached/);
    expect((error as WhatsAppApiError).hint).toMatch(/10 requests per second per account.*maxRequestsPerSecond/);
  });

  it('with pacing below the limit, concurrent sends and connection calls meet no 429 at all', async () => {
    env = await start({ gatewayRps: 10 }, { maxRequestsPerSecond: 8, retry: { maxRetries: 0 } });
    const provider = env.provider;
    const sends = Array.from({ length: 14 }, (_, i) => operations['message.send'].run(provider, text(`burst ${i}`)));
    const lists = Array.from({ length: 3 }, () => operations['connection.list'].run(provider, {}));
    const settled = await Promise.allSettled([...sends, ...lists]);
    expect(settled.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(env.statuses).toHaveLength(17);
    expect(env.statuses.filter((status) => status === 429)).toEqual([]);
    expect(await sentMessages(env.sandbox)).toHaveLength(14);
  });

  it('the connection API shares the per-account limit (a burst over it is refused with 429)', async () => {
    env = await start({ gatewayRps: 3 }, { maxRequestsPerSecond: 0, retry: { maxRetries: 0 } });
    const provider = env.provider;
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => operations['connection.list'].run(provider, {})));
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused.length).toBe(2);
    expect(refused[0].reason).toMatchObject({ httpStatus: 429, retryable: true });
  });
});
