/**
 * Sharing between segments whose strength reflects how uncertain the between-segment spread
 * still is. A channel's segments are beta-binomial around the pooled rate m with a strength κ
 * (pseudo-sends); instead of one estimate of κ (which early on, from a few noisy rates, often
 * looks like "no spread at all" and pins every segment to the pooled rate), κ keeps a posterior
 * on a grid from {@link MIN_PRIOR_STRENGTH} to the cap, weighted by the beta-binomial likelihood
 * of every segment's evidence. Each segment's posterior is the mixture over κ, moment-matched to
 * one Beta. A segment that differs from the others makes small κ likely at once, so its own
 * data speak; the uncertainty of m itself widens the prior too.
 */
import type { BetaPosterior } from './beta-posterior';
import { UNIFORM_PRIOR, updatePosterior } from './beta-posterior';
import type { Evidence } from './delay-correction';
import { logBeta } from './log-gamma';
import { MAX_PRIOR_STRENGTH, MIN_PRIOR_STRENGTH } from './empirical-bayes';

/** Grid points of κ (geometric from the minimum to the cap). */
const STRENGTH_GRID_POINTS = 9;

/**
 * The grid of κ values the strength's posterior lives on: geometric from
 * {@link MIN_PRIOR_STRENGTH} to the cap.
 *
 * @param maxStrength - the cap on κ.
 * @returns the grid, increasing.
 */
export function strengthGrid(maxStrength: number): number[] {
  const cap = Math.max(MIN_PRIOR_STRENGTH, maxStrength);
  const ratio = (cap / MIN_PRIOR_STRENGTH) ** (1 / (STRENGTH_GRID_POINTS - 1));
  return Array.from({ length: STRENGTH_GRID_POINTS }, (_, i) => MIN_PRIOR_STRENGTH * ratio ** i);
}

/**
 * Prior on κ over the grid ∝ κ^(−e) (e = 0: uniform in log κ). Leaning to weak sharing keeps a
 * segment that differs from the others from being pinned to the pooled rate while the spread is
 * still uncertain.
 */
export const STRENGTH_PRIOR_EXPONENT = 0.5;
/** Smallest shape kept for an implied prior. */
const MIN_SHAPE = 1e-9;

/** Each segment's prior and posterior for one channel. */
export interface SharedPosteriors {
  /** The implied prior per segment (posterior minus the segment's own evidence). */
  readonly priors: readonly BetaPosterior[];
  /** The posterior per segment. */
  readonly posteriors: readonly BetaPosterior[];
  /** Pooled rate over segments. */
  readonly pooledRate: number;
  /** Posterior mean of the strength κ, in pseudo-sends. */
  readonly strength: number;
}

/**
 * The posteriors of one channel's arms in every segment, sharing strength through the κ mixture.
 * With fewer than two segments holding data, every segment has the uniform prior.
 *
 * @param evidence - the channel's evidence, one entry per segment.
 * @param maxStrength - the cap on κ (default {@link MAX_PRIOR_STRENGTH}).
 * @returns priors and posteriors per segment.
 */
export function sharedPosteriors(evidence: readonly Evidence[], maxStrength: number = MAX_PRIOR_STRENGTH): SharedPosteriors {
  const withData = evidence.filter((e) => e.trials > 0);
  if (withData.length < 2) {
    return { priors: evidence.map(() => UNIFORM_PRIOR), posteriors: evidence.map((e) => updatePosterior(UNIFORM_PRIOR, e)), pooledRate: 0.5, strength: 2 };
  }
  const totalSuccesses = withData.reduce((sum, e) => sum + e.successes, 0);
  const totalTrials = withData.reduce((sum, e) => sum + e.trials, 0);
  // The pooled rate and its own uncertainty (Jeffreys).
  const pooledRate = (totalSuccesses + 0.5) / (totalTrials + 1);
  const pooledVariance = (pooledRate * (1 - pooledRate)) / (totalTrials + 2);
  const grid = strengthGrid(maxStrength);
  const logWeights = grid.map((kappa) => {
    const a = pooledRate * kappa;
    const b = (1 - pooledRate) * kappa;
    let logLikelihood = 0;
    for (const e of withData) logLikelihood += logBeta(a + e.successes, b + Math.max(0, e.trials - e.successes)) - logBeta(a, b);
    return logLikelihood - STRENGTH_PRIOR_EXPONENT * Math.log(kappa);
  });
  const top = Math.max(...logWeights);
  const raw = logWeights.map((w) => Math.exp(w - top));
  const rawTotal = raw.reduce((x, y) => x + y, 0);
  const weights = raw.map((w) => w / rawTotal);
  // Each κ's prior, widened by the uncertainty of the pooled rate.
  const components = grid.map((kappa) => {
    const variance = (pooledRate * (1 - pooledRate)) / (kappa + 1) + pooledVariance;
    const strength = Math.max(MIN_SHAPE * 2, (pooledRate * (1 - pooledRate)) / variance - 1);
    return { alpha: pooledRate * strength, beta: (1 - pooledRate) * strength };
  });
  const priors: BetaPosterior[] = [];
  const posteriors: BetaPosterior[] = [];
  for (const e of evidence) {
    let mean = 0;
    let second = 0;
    components.forEach((prior, c) => {
      const post = updatePosterior(prior, e);
      const total = post.alpha + post.beta;
      const m = post.alpha / total;
      const v = (m * (1 - m)) / (total + 1);
      mean += (weights[c] as number) * m;
      second += (weights[c] as number) * (v + m * m);
    });
    const variance = Math.max(1e-18, second - mean * mean);
    const strength = (mean * (1 - mean)) / variance - 1;
    const posterior = { alpha: Math.max(MIN_SHAPE, mean * strength), beta: Math.max(MIN_SHAPE, (1 - mean) * strength) };
    const failures = Math.max(0, e.trials - e.successes);
    posteriors.push(posterior);
    priors.push({ alpha: Math.max(MIN_SHAPE, posterior.alpha - e.successes), beta: Math.max(MIN_SHAPE, posterior.beta - failures) });
  }
  const strength = grid.reduce((sum, kappa, i) => sum + kappa * (weights[i] as number), 0);
  return { priors, posteriors, pooledRate, strength };
}
