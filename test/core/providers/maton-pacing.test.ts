import { createMatonProvider, operations } from 'whatsapp-business-core';
import type { Clock, Transport, TransportRequest, TransportResponse } from 'whatsapp-business-core';
import { PacingTransport } from '../../../core/transport/pacing-transport';

/** Time that passes only when someone sleeps: request starts can be read off it exactly. */
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const encoder = new TextEncoder();

/** Answers like the gateway and the connection API would, recording when (in clock time) each request started. */
function recordingTransport(clock: Clock): Transport & { starts: number[]; urls: string[] } {
  const starts: number[] = [];
  const urls: string[] = [];
  return {
    starts,
    urls,
    async request(request: TransportRequest): Promise<TransportResponse> {
      starts.push(clock.now());
      urls.push(request.url);
      const body = request.url.includes('/connections')
        ? { connections: [] }
        : { messaging_product: 'whatsapp', contacts: [{ wa_id: '16505551234' }], messages: [{ id: `wamid.${starts.length}` }] };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: encoder.encode(JSON.stringify(body)) };
    },
  };
}

/** The largest number of starts within any one second (half-open window), as Maton counts. */
function busiestSecond(starts: number[]): number {
  return Math.max(0, ...starts.map((start) => starts.filter((other) => other >= start && other < start + 1000).length));
}

describe('PacingTransport', () => {
  it('spaces concurrent requests 1000/rps ms apart, in arrival order, with no burst', async () => {
    const clock = virtualClock();
    const inner = recordingTransport(clock);
    const paced = new PacingTransport(inner, clock, 8);
    const requests = Array.from({ length: 20 }, (_, i) => paced.request({ method: 'GET', url: `https://gateway.test/${i}`, headers: {} }));
    await Promise.all(requests);
    expect(inner.starts).toEqual(Array.from({ length: 20 }, (_, i) => i * 125));
    expect(inner.urls).toEqual(Array.from({ length: 20 }, (_, i) => `https://gateway.test/${i}`));
    expect(busiestSecond(inner.starts)).toBe(8);
  });

  it('does not wait when requests are already further apart than the interval', async () => {
    const clock = virtualClock();
    const inner = recordingTransport(clock);
    const paced = new PacingTransport(inner, clock, 4);
    await paced.request({ method: 'GET', url: 'https://gateway.test/a', headers: {} });
    await clock.sleep(400);
    await paced.request({ method: 'GET', url: 'https://gateway.test/b', headers: {} });
    expect(clock.sleeps).toEqual([400]);
    expect(inner.starts).toEqual([0, 400]);
  });

  it('keeps the queue moving when a request fails', async () => {
    const clock = virtualClock();
    let calls = 0;
    const flaky: Transport = {
      async request() {
        calls += 1;
        if (calls === 1) throw new Error('connection reset');
        return { status: 200, headers: {}, body: new Uint8Array() };
      },
    };
    const paced = new PacingTransport(flaky, clock, 10);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => paced.request({ method: 'GET', url: 'https://gateway.test/', headers: {} })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(clock.now()).toBe(200);
  });

  it('wrap with 0 requests/s is the transport itself; nonsense rates are refused', () => {
    const clock = virtualClock();
    const inner = recordingTransport(clock);
    expect(PacingTransport.wrap(inner, clock, 0)).toBe(inner);
    expect(PacingTransport.wrap(inner, clock, 5)).toBeInstanceOf(PacingTransport);
    expect(() => new PacingTransport(inner, clock, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new PacingTransport(inner, clock, -1)).toThrow(RangeError);
  });

  it('closes the transport it wraps', async () => {
    const close = jest.fn(async () => undefined);
    const paced = new PacingTransport({ request: jest.fn(), close }, virtualClock(), 8);
    await paced.close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});

describe('Maton provider pacing', () => {
  const text = { to: '16505551234', type: 'text', text: { body: 'Hi' } };

  function provider(clock: Clock, transport: Transport, extra: Record<string, unknown> = {}) {
    return createMatonProvider({ provider: 'maton', apiKey: 'maton-pacing-key-123', phoneNumberId: '100000000000001', transport, clock, ...extra } as never);
  }

  it('by default stays at 8 requests/s, gateway and connection calls together, concurrent callers included', async () => {
    const clock = virtualClock();
    const transport = recordingTransport(clock);
    const maton = provider(clock, transport);
    const sends = Array.from({ length: 12 }, () => operations['message.send'].run(maton, text));
    const lists = Array.from({ length: 4 }, () => operations['connection.list'].run(maton, {}));
    await Promise.all([...sends, ...lists]);
    expect(transport.starts).toHaveLength(16);
    expect(transport.urls.filter((url) => url.startsWith('https://ctrl.maton.ai/connections'))).toHaveLength(4);
    expect(busiestSecond(transport.starts)).toBe(8);
    for (let i = 1; i < transport.starts.length; i += 1) expect(transport.starts[i] - transport.starts[i - 1]).toBeGreaterThanOrEqual(125);
  });

  it('maxRequestsPerSecond sets the rate, and 0 turns pacing off', async () => {
    const slowClock = virtualClock();
    const slow = recordingTransport(slowClock);
    await Promise.all(Array.from({ length: 3 }, () => operations['message.send'].run(provider(slowClock, slow, { maxRequestsPerSecond: 2 }), text)));
    // Three providers, three pacers: each paces only its own requests.
    expect(slowClock.sleeps).toEqual([]);

    const clock = virtualClock();
    const transport = recordingTransport(clock);
    const two = provider(clock, transport, { maxRequestsPerSecond: 2 });
    await Promise.all(Array.from({ length: 3 }, () => operations['message.send'].run(two, text)));
    expect(transport.starts).toEqual([0, 500, 1000]);

    const offClock = virtualClock();
    const off = recordingTransport(offClock);
    const unpaced = provider(offClock, off, { maxRequestsPerSecond: 0 });
    await Promise.all(Array.from({ length: 30 }, () => operations['message.send'].run(unpaced, text)));
    expect(off.starts).toHaveLength(30);
    expect(offClock.sleeps).toEqual([]);
  });
});
