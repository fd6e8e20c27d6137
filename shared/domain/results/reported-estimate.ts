/**
 * The rate and 95 % interval the results report for each arm. The allocator keeps its own
 * posteriors (they decide the split and P(best)); the reported estimate is built to be calibrated
 * at every moment of an experiment:
 * - late responses through the delay model with the open sends' mean ages (an experiment younger
 *   than a bucket's upper edge has its oldest sends in the lower part of that bucket);
 * - adaptively weighted evidence (1/√propensity per send), against the low reading of an arm the
 *   allocation starved after a bad start;
 * - shrinkage toward a segment level × channel factor fitted without the arm, with a strength of at
 *   most {@link MAX_REPORTING_STRENGTH} pseudo-sends, so an arm's own data soon speak.
 */
import type { BetaPosterior, Channel, DelayPrior, Evidence, SegmentStatistics } from '../bandit';
import { adaptivelyWeightedEvidence, CHANNEL_DELAY_PRIORS, credibleInterval, emptyArmStatistics, estimateDelayPosterior, logBeta } from '../bandit';
import { leaveOneOutCentres } from './multiplicative-centres';

/** Smallest shrinkage strength considered, in pseudo-sends. */
const MIN_REPORTING_STRENGTH = 2;
/**
 * Largest shrinkage strength, in pseudo-sends. Measured on the benchmark: a cap of 200 (the
 * allocator's) lets early, noisy centres pull the best arms of a segment down before the first
 * window closes (coverage 0.90 in `main`); 20 keeps it in range and the bias within a tenth after
 * the first window.
 */
export const MAX_REPORTING_STRENGTH = 20;
/** Grid points of the strength (geometric from the minimum to the cap). */
const STRENGTH_GRID_POINTS = 9;
/** Prior on the strength ∝ κ^(−e): leaning to weak shrinkage. */
const STRENGTH_PRIOR_EXPONENT = 0.5;
/** Smallest Beta shape kept. */
const MIN_SHAPE = 1e-9;

/** What {@link reportedEstimates} needs. */
export interface ReportedEstimateInput {
  /** The experiment's channels, in order. */
  readonly channels: readonly Channel[];
  /** Every segment's arm statistics (with open sends' ages and adaptive weights where the counters have them). */
  readonly segments: readonly SegmentStatistics[];
  /** The attribution window, in minutes. */
  readonly windowMinutes: number;
  /** Delay priors per channel (default `CHANNEL_DELAY_PRIORS`). */
  readonly delayPriors?: Readonly<Partial<Record<Channel, DelayPrior>>>;
}

/** One arm's reported estimate. */
export interface ReportedEstimate {
  /** Posterior mean rate. */
  readonly rate: number;
  /** Equal-tailed 95 % credible interval. */
  readonly ci95: readonly [number, number];
  /** The posterior the two come from. */
  readonly posterior: BetaPosterior;
}

/**
 * The reported rate and interval of every arm.
 *
 * @param input - channels, statistics, window.
 * @returns per segment (input order), per channel (channel order).
 */
export function reportedEstimates(input: ReportedEstimateInput): ReportedEstimate[][] {
  const { channels } = input;
  const arms = input.segments.map((segment) => channels.map((channel) => segment.arms.find((arm) => arm.channel === channel) ?? emptyArmStatistics(channel)));
  const evidence: Evidence[][] = arms.map(() => []);
  channels.forEach((channel, c) => {
    const column = arms.map((row) => row[c]!);
    const posterior = estimateDelayPosterior(column, input.windowMinutes, input.delayPriors?.[channel] ?? CHANNEL_DELAY_PRIORS[channel], { openAges: true });
    column.forEach((arm, s) => evidence[s]!.push(adaptivelyWeightedEvidence(arm, posterior)));
  });
  const centres = leaveOneOutCentres(evidence);
  const weights = strengthWeights(evidence, centres);
  return evidence.map((row, s) =>
    row.map((e, c) => {
      const posterior = mixturePosterior(e, centres[s]![c]!, weights);
      return { rate: posterior.alpha / (posterior.alpha + posterior.beta), ci95: credibleInterval(posterior), posterior };
    }),
  );
}

/** The strength grid with each value's posterior weight, from the beta-binomial likelihood of every arm around its centre. */
function strengthWeights(evidence: readonly (readonly Evidence[])[], centres: readonly (readonly number[])[]): { kappa: number; weight: number }[] {
  const ratio = (MAX_REPORTING_STRENGTH / MIN_REPORTING_STRENGTH) ** (1 / (STRENGTH_GRID_POINTS - 1));
  const grid = Array.from({ length: STRENGTH_GRID_POINTS }, (_, i) => MIN_REPORTING_STRENGTH * ratio ** i);
  const logWeights = grid.map((kappa) => {
    let logLikelihood = -STRENGTH_PRIOR_EXPONENT * Math.log(kappa);
    evidence.forEach((row, s) =>
      row.forEach((e, c) => {
        if (!(e.trials > 0)) return;
        const m = centres[s]![c]!;
        logLikelihood += logBeta(m * kappa + e.successes, (1 - m) * kappa + Math.max(0, e.trials - e.successes)) - logBeta(m * kappa, (1 - m) * kappa);
      }),
    );
    return logLikelihood;
  });
  const top = Math.max(...logWeights);
  const raw = logWeights.map((w) => Math.exp(w - top));
  const total = raw.reduce((a, b) => a + b, 0);
  return grid.map((kappa, i) => ({ kappa, weight: (raw[i] as number) / total }));
}

/** The arm's posterior: the mixture over strengths of Beta(m·κ + s, (1 − m)·κ + n − s), moment-matched. */
function mixturePosterior(e: Evidence, centre: number, weights: readonly { kappa: number; weight: number }[]): BetaPosterior {
  let mean = 0;
  let second = 0;
  for (const { kappa, weight } of weights) {
    const a = centre * kappa + e.successes;
    const b = (1 - centre) * kappa + Math.max(0, e.trials - e.successes);
    const m = a / (a + b);
    mean += weight * m;
    second += weight * ((m * (1 - m)) / (a + b + 1) + m * m);
  }
  const variance = Math.max(1e-18, second - mean * mean);
  const strength = (mean * (1 - mean)) / variance - 1;
  return { alpha: Math.max(MIN_SHAPE, mean * strength), beta: Math.max(MIN_SHAPE, (1 - mean) * strength) };
}
