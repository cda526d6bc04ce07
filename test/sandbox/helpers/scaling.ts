import { expectLinearGrowth, GROWTH_FACTOR } from '../../helpers/growth';

/**
 * The shared growth check (test/helpers/growth.ts) for a run that takes its input size: the cost
 * at GROWTH_FACTOR times `size` against the cost at `size`, never a wall-clock time.
 */
export async function expectLinearInSize(run: (size: number) => unknown, size: number, rounds = 5): Promise<void> {
  await expectLinearGrowth(() => run(size), () => run(size * GROWTH_FACTOR), rounds);
}
