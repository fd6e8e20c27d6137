/**
 * Inverse-propensity-weighted rates from logged decisions: unbiased by the
 * adaptive allocation, because each decision is weighted by 1 / (the
 * probability it had of being made).
 */

/** One logged decision with its outcome. */
export interface LoggedDecision {
  /** The chosen channel, or `'holdout'`. */
  readonly channel: string;
  /** The probability the decision had when it was drawn, in (0, 1]. */
  readonly propensity: number;
  /** Whether the goal event happened within the window. */
  readonly success: boolean;
}

/** A self-normalised IPW estimate for one arm. */
export interface IpwEstimate {
  /** Σ (y / p) / Σ (1 / p) over the arm's decisions (Hájek estimator). */
  readonly rate: number;
  /** Decisions of this arm. */
  readonly decisions: number;
  /** Successes among them. */
  readonly successes: number;
  /** Kish effective sample size (Σ w)² / Σ w²; low values mean a noisy estimate. */
  readonly effectiveSampleSize: number;
}

/**
 * Self-normalised (Hájek) inverse-propensity rate per arm.
 *
 * @param decisions - logged decisions (their outcomes known: matured).
 * @returns one estimate per arm that appears in the log.
 */
export function ipwRate(decisions: readonly LoggedDecision[]): Record<string, IpwEstimate> {
  const sums = new Map<string, { weighted: number; weights: number; squares: number; count: number; successes: number }>();
  for (const decision of decisions) {
    if (!(decision.propensity > 0 && decision.propensity <= 1)) {
      throw new RangeError(`propensity must be in (0, 1], got ${decision.propensity} for ${decision.channel}`);
    }
    const weight = 1 / decision.propensity;
    const entry = sums.get(decision.channel) ?? { weighted: 0, weights: 0, squares: 0, count: 0, successes: 0 };
    entry.weighted += decision.success ? weight : 0;
    entry.weights += weight;
    entry.squares += weight * weight;
    entry.count += 1;
    entry.successes += decision.success ? 1 : 0;
    sums.set(decision.channel, entry);
  }
  const result: Record<string, IpwEstimate> = {};
  for (const [channel, s] of sums) {
    result[channel] = {
      rate: s.weighted / s.weights,
      decisions: s.count,
      successes: s.successes,
      effectiveSampleSize: (s.weights * s.weights) / s.squares,
    };
  }
  return result;
}
