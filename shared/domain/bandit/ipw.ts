/**
 * Inverse-propensity-weighted rates from logged decisions: unbiased by the
 * adaptive allocation, because each decision is weighted by 1 / (the
 * probability it had of being made); and the adaptively weighted evidence the
 * reported estimates rest on (each send weighted by 1/√propensity).
 */
import type { ArmStatistics } from './arm-statistics';
import type { Evidence } from './delay-correction';
import { DELAY_BUCKET_COUNT } from './delay-buckets';
import type { DelayPosterior } from './delay-model';
import { armElapsedFractions } from './delay-model';

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

/**
 * Exponent of the adaptive weights: a send made with probability p weighs p^(−½). A weight of 1
 * (exponent 0) is the plain sample, whose rate reads low for an arm the allocation starved after a
 * bad start (it fell behind by chance, got the floor, and its few later sends recover slowly); a
 * weight of 1/p (exponent 1, inverse propensity) removes that bias but lets a handful of floor
 * sends outweigh everything else. 1/√p is the variance-stabilising middle of Hadad et al. (2021,
 * "Confidence intervals for policy evaluation in adaptive experiments").
 */
export const ADAPTIVE_WEIGHT_EXPONENT = 0.5;

/**
 * An arm's counters weighted by the propensities of its sends (w = p^(−½) per send, see
 * {@link ADAPTIVE_WEIGHT_EXPONENT}), split like {@link ArmStatistics}. Every field is a sum, so
 * cohorts and shards add up.
 */
export interface AdaptivelyWeightedCounts {
  /** Σ w over matured sends. */
  readonly maturedSends: number;
  /** Σ w² over matured sends. */
  readonly maturedSquares: number;
  /** Σ w over open sends, by elapsed-time bucket. */
  readonly openSendsByElapsed: readonly number[];
  /** Σ w² over open sends, by elapsed-time bucket. */
  readonly openSquaresByElapsed: readonly number[];
  /** Σ w over the sends that succeeded (matured and open). */
  readonly successes: number;
}

/**
 * The adaptive weight of a send.
 *
 * @param propensity - the probability the send had, in (0, 1].
 * @returns p^(−½).
 */
export function adaptiveWeight(propensity: number): number {
  if (!(propensity > 0 && propensity <= 1)) throw new RangeError(`propensity must be in (0, 1], got ${propensity}`);
  return propensity ** -ADAPTIVE_WEIGHT_EXPONENT;
}

/**
 * An arm's evidence from its adaptively weighted counts, under its channel's delay posterior.
 *
 * Under each delay hypothesis h the weighted effective trials are `N_h = Σ_matured w + Σ_open w·F_h(e)`
 * and the rate `r_h = Σ w·y / N_h` (a Hájek ratio); the evidence is worth Kish's effective sample
 * size `N_h² / Σ w²·F_h` trials at that rate. The Beta(1 + r_h·n_h, 1 + (1 − r_h)·n_h) posteriors
 * are mixed over the hypotheses and moment-matched to one Beta, as in
 * `evidenceUnderDelayPosterior`. With equal weights it is that function's evidence.
 *
 * @param stats - the arm's counters; without `adaptiveWeights` the plain counts are used.
 * @param posterior - its channel's delay posterior.
 * @returns successes and effective trials (possibly fractional).
 */
export function adaptivelyWeightedEvidence(stats: ArmStatistics, posterior: DelayPosterior): Evidence {
  let mean = 0;
  let secondMoment = 0;
  for (const { weight, successes, trials } of adaptivelyWeightedComponents(stats, posterior)) {
    const total = 2 + trials;
    const m = (1 + successes) / total;
    mean += weight * m;
    secondMoment += weight * ((m * (1 - m)) / (total + 1) + m * m);
  }
  const variance = Math.max(1e-18, secondMoment - mean * mean);
  const strength = Math.max(2, (mean * (1 - mean)) / variance - 1);
  const trials = Math.max(0, strength - 2);
  return { successes: Math.min(trials, Math.max(0, mean * strength - 1)), trials };
}

/** One delay hypothesis's share of an arm's evidence. */
interface WeightedEvidenceComponent extends Evidence {
  /** The hypothesis's posterior weight. */
  readonly weight: number;
}

/**
 * An arm's adaptively weighted evidence under each hypothesis of its channel's delay posterior:
 * `r_h·n_h` successes in `n_h` trials, with `n_h` Kish's effective sample size of the weighted
 * effective trials and `r_h` their Hájek rate (one component per hypothesis, weights summing to 1).
 */
function adaptivelyWeightedComponents(stats: ArmStatistics, posterior: DelayPosterior): WeightedEvidenceComponent[] {
  const counts: AdaptivelyWeightedCounts = stats.adaptiveWeights ?? {
    maturedSends: stats.maturedSends,
    maturedSquares: stats.maturedSends,
    openSendsByElapsed: stats.openSendsByElapsed,
    openSquaresByElapsed: stats.openSendsByElapsed,
    successes: stats.successes,
  };
  const fraction = armElapsedFractions(stats, posterior);
  return posterior.hypotheses.map((h, i) => {
    let weighted = counts.maturedSends;
    let squares = counts.maturedSquares;
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
      const f = fraction(i, b);
      weighted += (counts.openSendsByElapsed[b] ?? 0) * f;
      squares += (counts.openSquaresByElapsed[b] ?? 0) * f;
    }
    // Never fewer effective trials than successes (as in the delay model's evidence).
    if (weighted > 0 && weighted < counts.successes) {
      squares *= counts.successes / weighted;
      weighted = counts.successes;
    }
    const trials = squares > 0 ? (weighted * weighted) / squares : 0;
    const rate = weighted > 0 ? Math.min(1, counts.successes / weighted) : 0;
    return { weight: h.weight, successes: rate * trials, trials };
  });
}
