/**
 * Time and randomness behind one interface: retries wait through it, and a host that forbids
 * timers in its own code (n8n) can pass its own `sleep`.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
