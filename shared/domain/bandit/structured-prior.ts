/**
 * Sharing between segments that also sees the channel × segment structure. Two hypotheses per
 * channel, weighted by how well each explains the channel's final outcomes:
 * - **per channel** (as `hierarchical-prior.ts`): every segment's rate is near the channel's
 *   pooled rate, with a strength κ on a grid;
 * - **structured**: each segment's rate is near its own level times the channel's factor
 *   (`segment-level.ts`), within a coefficient of variation v on a grid (a relative spread, so a
 *   high-rate segment is not held to a low-rate segment's absolute spread).
 * The hypotheses and their spreads are weighed on **matured** evidence only (final outcomes: open
 * sends counted through an uncertain delay model look less dispersed than they are, which would
 * make the sharing look surer than it is); the posteriors then use all the evidence. Each
 * segment's posterior is the mixture over (hypothesis, spread), moment-matched to one Beta.
 */
import type { BetaPosterior } from './beta-posterior';
import { updatePosterior } from './beta-posterior';
import type { Evidence } from './delay-correction';
import { MAX_PRIOR_STRENGTH } from './empirical-bayes';
import type { SharedPosteriors } from './hierarchical-prior';
import { sharedPosteriors, STRENGTH_PRIOR_EXPONENT, strengthGrid } from './hierarchical-prior';
import { logBeta } from './log-gamma';
import type { PriorCentre } from './segment-level';

/** Prior probability of each of the two hypotheses. */
const HYPOTHESIS_PRIOR = 0.5;
/** Smallest coefficient of variation of an arm around its structured centre. */
const MIN_VARIATION = 0.03;
/** Largest coefficient of variation (no sharing to speak of). */
const MAX_VARIATION = 2;
/** Grid points of the coefficient of variation (geometric). */
const VARIATION_GRID_POINTS = 12;
/** Prior on v over its grid ∝ v^e: leaning to weak sharing, as κ's prior does. */
const VARIATION_PRIOR_EXPONENT = 1;
/** Smallest shape kept for a Beta. */
const MIN_SHAPE = 1e-9;
/** Largest share of a Bernoulli variance a prior may have (a Beta needs less than all of it). */
const MAX_VARIANCE_SHARE = 0.999;

/** One channel's evidence and centres, one entry per segment. */
export interface StructuredColumn {
  /** All evidence (open sends through the delay model). */
  readonly evidence: readonly Evidence[];
  /** Structured centres from all evidence. */
  readonly centres: readonly PriorCentre[];
  /** Matured evidence only (final outcomes), on which the hypotheses and spreads are weighed. */
  readonly matured: readonly Evidence[];
  /** Structured centres from matured evidence, or null when it has no structure to offer. */
  readonly maturedCentres: readonly PriorCentre[] | null;
}

/** The Beta with this mean and variance (the variance kept below the Bernoulli one). */
function betaWith(mean: number, variance: number): BetaPosterior {
  const bernoulli = mean * (1 - mean);
  const strength = Math.max(MIN_SHAPE * 2, bernoulli / Math.min(variance, bernoulli * MAX_VARIANCE_SHARE) - 1);
  return { alpha: Math.max(MIN_SHAPE, mean * strength), beta: Math.max(MIN_SHAPE, (1 - mean) * strength) };
}

/** Log of the beta-binomial marginal likelihood of the evidence under the prior (0 without trials). */
function logMarginal(prior: BetaPosterior, e: Evidence): number {
  if (!(e.trials > 0)) return 0;
  return logBeta(prior.alpha + e.successes, prior.beta + Math.max(0, e.trials - e.successes)) - logBeta(prior.alpha, prior.beta);
}

/** Mean and second moment of the posterior. */
function posteriorMoments(prior: BetaPosterior, e: Evidence): readonly [number, number] {
  const post = updatePosterior(prior, e);
  const total = post.alpha + post.beta;
  const mean = post.alpha / total;
  return [mean, (mean * (1 - mean)) / (total + 1) + mean * mean];
}

/** log Σ exp(x). */
function logSumExp(values: readonly number[]): number {
  const top = Math.max(...values);
  return top + Math.log(values.reduce((sum, v) => sum + Math.exp(v - top), 0));
}

/**
 * The posteriors of one channel's arms in every segment under the two hypotheses. With fewer than
 * two segments holding matured evidence (or no structure in it), this is {@link sharedPosteriors}.
 *
 * @param column - the channel's evidence and centres per segment.
 * @param maxStrength - the cap on κ of the per-channel hypothesis (default {@link MAX_PRIOR_STRENGTH}).
 * @returns priors and posteriors per segment; `strength` is the posterior mean of the equivalent κ.
 */
export function structuredPosteriors(column: StructuredColumn, maxStrength: number = MAX_PRIOR_STRENGTH): SharedPosteriors {
  const { evidence, centres, matured, maturedCentres } = column;
  const maturedWithData = matured.filter((e) => e.trials > 0);
  const withData = evidence.filter((e) => e.trials > 0);
  if (maturedCentres === null || maturedWithData.length < 2 || withData.length < 2) return sharedPosteriors(evidence, maxStrength);
  const pooledOf = (list: readonly Evidence[]): number => (list.reduce((sum, e) => sum + e.successes, 0) + 0.5) / (list.reduce((sum, e) => sum + e.trials, 0) + 1);
  const pooledRate = pooledOf(withData);
  const pooledVariance = (pooledRate * (1 - pooledRate)) / (withData.reduce((sum, e) => sum + e.trials, 0) + 2);
  const maturedRate = pooledOf(maturedWithData);
  const kappas = strengthGrid(maxStrength);
  const variations = Array.from({ length: VARIATION_GRID_POINTS }, (_, i) => MIN_VARIATION * (MAX_VARIATION / MIN_VARIATION) ** (i / (VARIATION_GRID_POINTS - 1)));
  const kappaPrior = kappas.map((kappa) => -STRENGTH_PRIOR_EXPONENT * Math.log(kappa));
  const variationPrior = variations.map((v) => VARIATION_PRIOR_EXPONENT * Math.log(v));
  const kappaNorm = logSumExp(kappaPrior);
  const variationNorm = logSumExp(variationPrior);
  const components: { readonly prior: (s: number) => BetaPosterior; readonly logWeight: number; readonly kappa: number }[] = [];
  kappas.forEach((kappa, i) => {
    const prior = betaWith(pooledRate, (pooledRate * (1 - pooledRate)) / (kappa + 1) + pooledVariance);
    const fit = { alpha: maturedRate * kappa, beta: (1 - maturedRate) * kappa };
    const logLikelihood = matured.reduce((sum, e) => sum + logMarginal(fit, e), 0);
    components.push({ prior: () => prior, logWeight: logLikelihood + (kappaPrior[i] as number) - kappaNorm + Math.log(HYPOTHESIS_PRIOR), kappa });
  });
  variations.forEach((v, j) => {
    const priorOf = (centre: PriorCentre): BetaPosterior => betaWith(centre.mean, (v * centre.mean) ** 2 + centre.variance);
    const priors = centres.map(priorOf);
    const logLikelihood = matured.reduce((sum, e, s) => sum + logMarginal(priorOf(maturedCentres[s] as PriorCentre), e), 0);
    components.push({
      prior: (s) => priors[s] as BetaPosterior,
      logWeight: logLikelihood + (variationPrior[j] as number) - variationNorm + Math.log(1 - HYPOTHESIS_PRIOR),
      kappa: 1 / (v * v),
    });
  });
  const total = logSumExp(components.map((c) => c.logWeight));
  const weights = components.map((c) => Math.exp(c.logWeight - total));
  const priors: BetaPosterior[] = [];
  const posteriors: BetaPosterior[] = [];
  evidence.forEach((e, s) => {
    let mean = 0;
    let second = 0;
    components.forEach((component, c) => {
      const [m, m2] = posteriorMoments(component.prior(s), e);
      mean += (weights[c] as number) * m;
      second += (weights[c] as number) * m2;
    });
    const posterior = betaWith(mean, Math.max(1e-18, second - mean * mean));
    posteriors.push(posterior);
    priors.push({ alpha: Math.max(MIN_SHAPE, posterior.alpha - e.successes), beta: Math.max(MIN_SHAPE, posterior.beta - Math.max(0, e.trials - e.successes)) });
  });
  const strength = components.reduce((sum, c, i) => sum + (weights[i] as number) * c.kappa, 0);
  return { priors, posteriors, pooledRate, strength };
}
