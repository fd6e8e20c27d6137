/**
 * Beta-Bernoulli posteriors and their summaries (mean, credible interval).
 */
import { betaQuantile } from './beta-quantile';
import type { Evidence } from './delay-correction';

/** A Beta(alpha, beta) distribution over an arm's response rate. */
export interface BetaPosterior {
  /** First shape (prior successes + successes), > 0. */
  readonly alpha: number;
  /** Second shape (prior failures + failures), > 0. */
  readonly beta: number;
}

/** The uniform prior Beta(1, 1), used when segments do not share strength. */
export const UNIFORM_PRIOR: BetaPosterior = { alpha: 1, beta: 1 };

/** Mass of a 95 % credible interval. */
export const CREDIBLE_MASS = 0.95;

/**
 * Updates a Beta prior with (possibly fractional) evidence.
 *
 * @param prior - the prior.
 * @param evidence - successes and trials (trials ≥ successes).
 * @returns the posterior Beta(α + s, β + n − s).
 */
export function updatePosterior(prior: BetaPosterior, evidence: Evidence): BetaPosterior {
  const failures = Math.max(0, evidence.trials - evidence.successes);
  return { alpha: prior.alpha + evidence.successes, beta: prior.beta + failures };
}

/**
 * Posterior mean α / (α + β).
 *
 * @param posterior - a Beta distribution.
 * @returns its mean.
 */
export function posteriorMean(posterior: BetaPosterior): number {
  return posterior.alpha / (posterior.alpha + posterior.beta);
}

/**
 * Posterior variance αβ / ((α + β)² (α + β + 1)).
 *
 * @param posterior - a Beta distribution.
 * @returns its variance.
 */
export function posteriorVariance(posterior: BetaPosterior): number {
  const total = posterior.alpha + posterior.beta;
  return (posterior.alpha * posterior.beta) / (total * total * (total + 1));
}

/**
 * Equal-tailed credible interval.
 *
 * @param posterior - a Beta distribution.
 * @param mass - the interval's mass (default 0.95).
 * @returns `[lower, upper]` quantiles.
 */
export function credibleInterval(posterior: BetaPosterior, mass: number = CREDIBLE_MASS): readonly [number, number] {
  const tail = (1 - mass) / 2;
  return [betaQuantile(tail, posterior.alpha, posterior.beta), betaQuantile(1 - tail, posterior.alpha, posterior.beta)];
}
