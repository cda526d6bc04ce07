import type { Clock } from 'whatsapp-business-core';

/** A clock whose sleeps return at once and are recorded, so backoff can be asserted without waiting. */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) };
}
