/**
 * Time and randomness behind one interface: retries wait through it, and a host that forbids
 * timers in its own code (n8n) passes its own `sleep`.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}
