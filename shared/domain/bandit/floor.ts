/**
 * The minimum share per arm, applied as an additive floor: the full `minShare` while a segment
 * has no winner, a quarter of it once it has one.
 */

/**
 * Fraction of `minShare` every arm keeps once its segment has a winner by the stopping rule.
 * The full floor costs `minShare × Σ gaps` per send for as long as the experiment runs: in the
 * regret benchmark's `main` it was two thirds of the regret after the first day. Once a winner
 * is declared (every arm has 100 matured sends, the leader is 95 % likely best and its expected
 * loss is under the threshold) that exploration buys little, so it shrinks to a quarter; it is
 * not dropped, so every propensity stays positive for the inverse-propensity estimates and a
 * beaten arm still gets a trickle of sends. When the winner is lost (change detection resets its
 * evidence, or new evidence makes the race close again) the full floor returns.
 */
export const SETTLED_FLOOR_FRACTION = 0.25;

/**
 * The floor that applies to every arm of a segment.
 *
 * @param minShare - the policy's floor f.
 * @param settled - whether the segment has a winner by the stopping rule.
 * @returns f without a winner, `f × SETTLED_FLOOR_FRACTION` with one.
 */
export function floorShare(minShare: number, settled: boolean): number {
  return settled ? minShare * SETTLED_FLOOR_FRACTION : minShare;
}

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
