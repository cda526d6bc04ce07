import type { Clock, Transport, TransportRequest, TransportResponse } from 'whatsapp-business-core';

export const API_KEY = 'bDqJFiq9-test-key';
export const API_SECRET = 'itnio-secret-7bz1lzh9-do-not-leak';
export const APP_ID = 'DGziZf5u';
export const BUSINESS_PHONE = '91856321412';

/** One scripted answer: a JSON body (HTTP 200 unless given), or a thrown transport failure. */
export type Answer = { status?: number; json?: unknown; text?: string } | Error;

export interface FakeTransport extends Transport {
  requests: TransportRequest[];
  /** The JSON bodies sent, in order. */
  bodies(): unknown[];
}

/** Answers the n-th request with the n-th answer (the last one repeats) and records every request. */
export function fakeTransport(answers: Answer[] = [{ json: { status: '0', reason: 'success', data: { channelType: 0, messageId: 'm-1', timestamp: 1 } } }]): FakeTransport {
  const requests: TransportRequest[] = [];
  return {
    requests,
    bodies: () => requests.map((request) => JSON.parse(String(request.body)) as unknown),
    async request(request): Promise<TransportResponse> {
      requests.push(request);
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      const text = answer.text ?? JSON.stringify(answer.json);
      return { status: answer.status ?? 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(text) };
    },
  };
}

/** A clock that starts at `startMs`, moves `stepMs` on every now(), and never really sleeps. */
export function steppingClock(startMs = 1_630_468_800_000, stepMs = 0): Clock & { sleeps: number[] } {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => {
      const current = now;
      now += stepMs;
      return current;
    },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  };
}
