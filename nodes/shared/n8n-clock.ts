import { sleep } from 'n8n-workflow';
import type { Clock } from './core';

/** Retries wait through n8n's own sleep: community nodes may not use timers directly. */
export const n8nClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => sleep(ms),
  random: () => Math.random(),
};
