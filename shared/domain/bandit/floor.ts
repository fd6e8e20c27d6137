/**
 * The minimum share per arm, applied as an additive floor.
 */

/**
 * Applies the floor `p_i = f + (1 − K·f)·w_i`. The result sums to 1 when the
 * weights do, every share is ≥ f, and the order of the weights is kept.
 *
 * @param weights - weights summing to 1.
 * @param minShare - the floor f, with K·f < 1.
 * @returns the floored shares.
 */
export function applyFloor(weights: readonly number[], minShare: number): number[] {
  const armCount = weights.length;
  if (!(minShare >= 0) || minShare * armCount >= 1) {
    throw new RangeError(`minShare must be ≥ 0 with K·minShare < 1, got ${minShare} for K = ${armCount}`);
  }
  const scale = 1 - armCount * minShare;
  return weights.map((w) => minShare + scale * w);
}

/**
 * Rescales non-negative weights to sum to 1 (uniform when they sum to 0).
 *
 * @param weights - non-negative weights.
 * @returns weights summing to 1.
 */
export function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (!(total > 0)) return weights.map(() => 1 / weights.length);
  return weights.map((w) => w / total);
}
