/**
 * How the cost of an operation grows with its input: the median time at size 10n divided by the
 * median time at size n. Linear work gives about 10 (less when fixed costs dominate); quadratic
 * work gives about 100. Tests assert on this ratio, never on wall-clock time, so a slow or busy
 * machine does not decide the outcome.
 */
export async function growthRatio(run: (size: number) => Promise<unknown> | unknown, size: number, rounds = 5): Promise<number> {
  const median = async (n: number): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const started = process.hrtime.bigint();
      await run(n);
      times.push(Number(process.hrtime.bigint() - started));
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  };
  await run(size); // warm-up: JIT and lazy initialisation out of the measurement
  const small = await median(size);
  const large = await median(size * 10);
  return large / Math.max(small, 1);
}

/** Linear growth measured at 10x the input stays well under quadratic's 100. */
export const LINEAR_LIMIT = 40;
