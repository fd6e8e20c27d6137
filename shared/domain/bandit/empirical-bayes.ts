/**
 * Empirical-Bayes sharing between segments: a segment's prior for a channel is
 * a Beta centred on the channel's pooled rate over all segments, with a
 * strength (pseudo-sends) estimated from how much the segments' rates differ
 * (method of moments for the beta-binomial), capped so a segment's own data
 * dominates once it has a few hundred sends.
 */
import type { BetaPosterior } from './beta-posterior';
import { UNIFORM_PRIOR } from './beta-posterior';
import type { Evidence } from './delay-correction';

/** Weakest shared prior, in pseudo-sends. */
export const MIN_PRIOR_STRENGTH = 2;
/**
 * Strongest shared prior, in pseudo-sends: a segment with this many (effective)
 * sends weighs as much as the prior; beyond, its own data dominates.
 */
export const MAX_PRIOR_STRENGTH = 200;
/** Pooled rates are kept inside [ε, 1 − ε] so that the prior is proper. */
const RATE_EPSILON = 1e-4;

/** A shared prior and how it was estimated. */
export interface SharedPrior {
  /** The Beta prior every segment of the channel starts from. */
  readonly prior: BetaPosterior;
  /** Pooled rate over segments (the prior mean). */
  readonly pooledRate: number;
  /** Prior strength α + β, in pseudo-sends. */
  readonly strength: number;
  /** Between-segment variance of true rates estimated by the method of moments. */
  readonly betweenVariance: number;
}

/**
 * Estimates a channel's shared prior from its evidence in every segment.
 *
 * Method of moments: with pooled rate m, `Q = Σ n_s (r_s − m)²` has expectation
 * `(S − 1)(m(1 − m) − τ²) + τ² (N − Σ n_s² / N)`, which gives the between-segment
 * variance τ²; a Beta with mean m and variance τ² has strength
 * `κ = m(1 − m)/τ² − 1`, then clamped to [{@link MIN_PRIOR_STRENGTH}, `maxStrength`].
 * With fewer than two segments holding data, the prior is uniform Beta(1, 1).
 *
 * @param evidence - the channel's evidence, one entry per segment.
 * @param maxStrength - the cap on the strength (default {@link MAX_PRIOR_STRENGTH}).
 * @returns the shared prior.
 */
export function estimateSharedPrior(evidence: readonly Evidence[], maxStrength: number = MAX_PRIOR_STRENGTH): SharedPrior {
  const withData = evidence.filter((e) => e.trials > 0);
  const totalTrials = withData.reduce((sum, e) => sum + e.trials, 0);
  const totalSuccesses = withData.reduce((sum, e) => sum + e.successes, 0);
  if (withData.length < 2 || totalTrials <= 0) {
    return { prior: UNIFORM_PRIOR, pooledRate: 0.5, strength: 2, betweenVariance: Number.NaN };
  }
  const pooledRate = clamp(totalSuccesses / totalTrials, RATE_EPSILON, 1 - RATE_EPSILON);
  const binomialVariance = pooledRate * (1 - pooledRate);
  let q = 0;
  let sumSquares = 0;
  for (const e of withData) {
    const rate = e.successes / e.trials;
    q += e.trials * (rate - pooledRate) ** 2;
    sumSquares += e.trials * e.trials;
  }
  const segments = withData.length;
  const denominator = totalTrials - sumSquares / totalTrials - (segments - 1);
  const betweenVariance = denominator > 0 ? Math.max(0, (q - (segments - 1) * binomialVariance) / denominator) : 0;
  const cap = Math.max(MIN_PRIOR_STRENGTH, maxStrength);
  const strength = betweenVariance > 0 ? clamp(binomialVariance / betweenVariance - 1, MIN_PRIOR_STRENGTH, cap) : cap;
  return {
    prior: { alpha: pooledRate * strength, beta: (1 - pooledRate) * strength },
    pooledRate,
    strength,
    betweenVariance,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
