/**
 * How the cost of an operation grows with its input, measured within one run so that a loaded
 * machine slows both sizes alike: the median time for an input 8 times larger divided by the median
 * time for the smaller one. Linear work gives about 8, quadratic about 64. Callers compare against
 * a generous bound (24); no absolute time is ever asserted.
 */
export const GROWTH_FACTOR = 8;
/** Three times linear: far from quadratic (64), and a busy shared machine stays well under it. */
export const LINEAR_BOUND = 24;

type Run = () => unknown;

async function elapsedMs(run: Run, reps: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i += 1) await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function growthRatio(small: Run, large: Run, rounds = 5): Promise<number> {
  // Warm up (JIT, caches), then repeat the small case until one batch lasts a few milliseconds,
  // so that timer resolution and fixed overheads do not decide the ratio.
  await small();
  await large();
  let reps = 1;
  while (reps < 100_000 && (await elapsedMs(small, reps)) < 5) reps *= 2;
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    smallTimes.push(await elapsedMs(small, reps));
    largeTimes.push(await elapsedMs(large, reps));
  }
  return median(largeTimes) / Math.max(median(smallTimes), 1e-3);
}

/**
 * Passes when the growth ratio stays under LINEAR_BOUND in one of up to three measurements. A
 * load spike on a shared machine only ever inflates a ratio, while quadratic work never measures
 * under the bound, so the smallest of a few attempts tells the two apart without flaking.
 */
export async function expectLinearGrowth(small: Run, large: Run, rounds = 5): Promise<void> {
  const ratios: number[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const ratio = await growthRatio(small, large, rounds);
    if (ratio < LINEAR_BOUND) return;
    ratios.push(ratio);
  }
  throw new Error(`cost grew ${ratios.map((r) => r.toFixed(1)).join(', ')} times for ${GROWTH_FACTOR} times the input (linear: about ${GROWTH_FACTOR}; the bound is ${LINEAR_BOUND})`);
}
