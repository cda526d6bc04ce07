/** How many items run at once unless the user chooses otherwise, and the most they may choose. */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 20;

/** Clamps a user-chosen concurrency (an expression could yield anything) to 1..MAX_CONCURRENCY. */
export function toConcurrency(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return DEFAULT_CONCURRENCY;
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(number)));
}

/**
 * Runs `task` for indexes 0..count-1 with at most `limit` in flight and returns the results in
 * index order. After a task throws, no new task starts; the ones in flight finish, then the error
 * of the lowest failing index is thrown (so with limit 1 this is a plain sequential loop).
 */
export async function mapConcurrent<R>(count: number, limit: number, task: (index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(count);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && failures.length === 0) {
      const index = next;
      next += 1;
      try {
        results[index] = await task(index);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), count) }, () => worker()));
  if (failures.length > 0) {
    failures.sort((a, b) => a.index - b.index);
    throw failures[0].error;
  }
  return results;
}
