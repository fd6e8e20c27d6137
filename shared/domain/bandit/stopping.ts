/**
 * The stopping rule: a segment has a winner when its leading arm's P(best)
 * reaches the threshold and its expected loss is under the maximum.
 */
import type { StoppingRule } from './policy';
import type { BestArmEstimate } from './probability-best';

/** The stopping verdict of one segment. */
export interface StoppingVerdict {
  /** Index of the arm with the highest P(best). */
  readonly leader: number;
  /** Index of the winner, or `null` while the evidence is short of the rule. */
  readonly winner: number | null;
}

/**
 * Applies the stopping rule.
 *
 * @param best - P(best) and expected loss per arm.
 * @param rule - the thresholds.
 * @param eligible - false while the segment is in burn-in (no winner then).
 * @returns the leader and the winner (or `null`).
 */
export function evaluateStopping(best: BestArmEstimate, rule: StoppingRule, eligible = true): StoppingVerdict {
  let leader = 0;
  best.probabilityBest.forEach((p, i) => {
    if (p > (best.probabilityBest[leader] ?? 0)) leader = i;
  });
  const pBest = best.probabilityBest[leader] ?? 0;
  const loss = best.expectedLoss[leader] ?? Number.POSITIVE_INFINITY;
  const winner = eligible && pBest >= rule.probabilityBest && loss <= rule.maxExpectedLoss ? leader : null;
  return { leader, winner };
}
