/**
 * Late responses: an open send (its window not yet closed) is neither a
 * success nor a failure. It counts as the fraction of a trial that its
 * channel's response-delay distribution says has already elapsed.
 *
 * If F is the delay distribution of responses (given that a response comes
 * within the window) and an open send has been out for e, the chance that its
 * response (if any) has already arrived is F(e). So the expected number of
 * successes seen so far is `p · (maturedSends + Σ_open F(e))`, and
 * `successes / (maturedSends + Σ_open F(e))` estimates p without favouring fast
 * channels (whose F reaches 1 in minutes) over slow ones (F reaches 1 in days).
 * F is estimated from the responses of matured sends only (no censoring), per
 * channel, pooled over the segments of the experiment. Before enough sends
 * have matured (the first window of an experiment), a provisional F comes from
 * all responses seen so far, each delay bucket weighted by the inverse of the
 * number of sends old enough to have shown it (a life-table correction for
 * censoring); delays longer than the oldest send cannot be seen yet, so the
 * provisional F is optimistic about slow channels' speed until the first window
 * closes and the matured estimate takes over.
 */
import type { ArmStatistics } from './arm-statistics';
import { histogramTotal } from './arm-statistics';
import { DELAY_BUCKET_COUNT } from './delay-buckets';

/**
 * Matured responses a channel needs before its delay distribution is trusted;
 * with fewer, the arm's evidence is its matured sends only (unbiased, late).
 */
export const MIN_DELAY_SAMPLE = 10;

/**
 * Share of a doubling bucket's responses already in for an open send whose
 * elapsed time is uniform over the bucket, when responses are spread evenly in
 * log-time inside the bucket (response delays are smooth on a log scale):
 * `∫₁² log₂(x) dx = 2 − 1/ln 2 ≈ 0.557`. The first bucket [0, 1 min) is linear: 1/2.
 */
export const LOG_BUCKET_ELAPSED_SHARE = 2 - 1 / Math.LN2;
/** Share of the first (linear) bucket. */
const FIRST_BUCKET_ELAPSED_SHARE = 0.5;

/** Share of bucket b's responses counted for an open send in bucket b. */
function withinBucketShare(bucket: number): number {
  return bucket === 0 ? FIRST_BUCKET_ELAPSED_SHARE : LOG_BUCKET_ELAPSED_SHARE;
}

/**
 * A channel's response-delay distribution, by bucket:
 * `elapsedFraction[b]` is the expected share of responses already arrived for
 * an open send whose elapsed time is in bucket `b` (responses of earlier
 * buckets, plus {@link LOG_BUCKET_ELAPSED_SHARE} of bucket `b`'s).
 */
export interface DelayDistribution {
  /** Expected fraction of the delay distribution elapsed, per elapsed bucket. */
  readonly elapsedFraction: readonly number[];
  /** Matured responses the estimate rests on. */
  readonly sampleSize: number;
}

/** Evidence for a Beta-Bernoulli posterior: (possibly fractional) trials and successes. */
export interface Evidence {
  /** Successes seen. */
  readonly successes: number;
  /** Trials, with open sends counted fractionally; ≥ successes. */
  readonly trials: number;
}

/**
 * Estimates the delay distribution from matured-send response histograms
 * (typically the same channel's histograms from every segment).
 *
 * @param histograms - matured delay histograms to pool.
 * @returns the distribution, or `null` when fewer than {@link MIN_DELAY_SAMPLE} responses back it.
 */
export function estimateDelayDistribution(histograms: ReadonlyArray<readonly number[]>): DelayDistribution | null {
  const pooled = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  for (const histogram of histograms) {
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) pooled[b] = (pooled[b] ?? 0) + (histogram[b] ?? 0);
  }
  const total = histogramTotal(pooled);
  if (total < MIN_DELAY_SAMPLE) return null;
  const elapsedFraction: number[] = [];
  let before = 0;
  for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
    const inBucket = pooled[b] ?? 0;
    elapsedFraction.push((before + inBucket * withinBucketShare(b)) / total);
    before += inBucket;
  }
  return { elapsedFraction, sampleSize: total };
}

/**
 * Provisional delay distribution from all responses (matured and open) of the
 * given arms, corrected for censoring: the responses in delay bucket b are
 * divided by the sends old enough to have shown them (matured sends, open
 * sends in older elapsed buckets, and half of those in bucket b).
 *
 * @param arms - the channel's arms in every segment.
 * @returns the distribution, or `null` with fewer than {@link MIN_DELAY_SAMPLE} responses.
 */
export function estimateProvisionalDelayDistribution(arms: readonly ArmStatistics[]): DelayDistribution | null {
  const responses = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  const ageAtLeast = new Array<number>(DELAY_BUCKET_COUNT).fill(0);
  let matured = 0;
  let total = 0;
  for (const arm of arms) {
    matured += arm.maturedSends;
    for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
      const count = (arm.maturedDelayHistogram[b] ?? 0) + (arm.openDelayHistogram?.[b] ?? 0);
      responses[b] = (responses[b] ?? 0) + count;
      total += count;
    }
  }
  if (total < MIN_DELAY_SAMPLE) return null;
  let older = matured;
  for (let b = DELAY_BUCKET_COUNT - 1; b >= 0; b -= 1) {
    let inBucket = 0;
    for (const arm of arms) inBucket += arm.openSendsByElapsed[b] ?? 0;
    ageAtLeast[b] = older + inBucket / 2;
    older += inBucket;
  }
  const density = responses.map((r, b) => ((ageAtLeast[b] ?? 0) > 0 ? r / (ageAtLeast[b] ?? 1) : 0));
  const densityTotal = density.reduce((x, y) => x + y, 0);
  if (!(densityTotal > 0)) return null;
  const elapsedFraction: number[] = [];
  let before = 0;
  for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
    const inBucket = density[b] ?? 0;
    elapsedFraction.push((before + inBucket * withinBucketShare(b)) / densityTotal);
    before += inBucket;
  }
  return { elapsedFraction, sampleSize: total };
}

/**
 * The evidence of one arm, corrected for late responses.
 *
 * With a delay distribution: all successes over `maturedSends + Σ_open F(e)`.
 * Without one: matured sends and their successes only.
 *
 * @param stats - the arm's counters.
 * @param delay - its channel's delay distribution, or `null`.
 * @returns successes and effective trials.
 */
export function effectiveEvidence(stats: ArmStatistics, delay: DelayDistribution | null): Evidence {
  if (delay === null) {
    const maturedSuccesses = histogramTotal(stats.maturedDelayHistogram);
    return { successes: maturedSuccesses, trials: stats.maturedSends };
  }
  let openTrials = 0;
  for (let b = 0; b < DELAY_BUCKET_COUNT; b += 1) {
    openTrials += (stats.openSendsByElapsed[b] ?? 0) * (delay.elapsedFraction[b] ?? 1);
  }
  const trials = stats.maturedSends + openTrials;
  return { successes: stats.successes, trials: Math.max(trials, stats.successes) };
}

/**
 * The naive evidence (every send a trial, with the responses seen so far), as
 * GrowthBook counts it; kept for comparison in the benchmark and the docs.
 *
 * @param stats - the arm's counters.
 * @returns successes over all sends.
 */
export function naiveEvidence(stats: ArmStatistics): Evidence {
  return { successes: stats.successes, trials: stats.sends };
}
