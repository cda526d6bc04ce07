import type { Clock } from './clock';

/** Node's own timers; registered as the default by the package entry, never bundled into n8n. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
