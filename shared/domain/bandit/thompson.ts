/**
 * The `thompson` policy (default): batched probability matching. Each arm's
 * weight is its posterior probability of being the best arm, which is the
 * share of traffic per-decision Thompson sampling would give it between two
 * updates.
 */
import type { BestArmEstimate } from './probability-best';

/**
 * Thompson weights: P(best) per arm.
 *
 * @param best - the P(best) estimate of the segment's posteriors.
 * @returns weights summing to 1.
 */
export function thompsonWeights(best: BestArmEstimate): number[] {
  return [...best.probabilityBest];
}
