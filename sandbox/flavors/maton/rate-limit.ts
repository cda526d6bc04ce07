import type { MatonState } from './maton-state';

const WINDOW_MS = 1000;

/**
 * Maton's per-account limit over a sliding second: a request is accepted while fewer than `rps`
 * were accepted in the last second (refused ones do not count). Returns null when accepted, else
 * the whole seconds to put in Retry-After.
 */
export function takeRequestSlot(state: MatonState, rps: number, now: number): number | null {
  if (rps === 0) return null;
  const recent = state.recentRequests;
  while (recent.length > 0 && recent[0] <= now - WINDOW_MS) recent.shift();
  if (recent.length >= rps) return Math.max(1, Math.ceil((recent[0] + WINDOW_MS - now) / 1000));
  recent.push(now);
  return null;
}
