/**
 * Arm statistics: what the learning loop stores per (experiment, segment,
 * channel) and what the allocator reads. Every field is a sum of counters, so
 * it can be kept in sharded DynamoDB counters and aggregated by adding.
 */
import type { Channel } from './policy';
import type { AdaptivelyWeightedCounts } from './ipw';
import { DELAY_BUCKET_COUNT, emptyHistogram } from './delay-buckets';

/**
 * The statistics of one arm (a channel in a segment) at one instant.
 *
 * - `sends`: decisions that chose this channel (and were sent).
 * - `maturedSends`: of those, the sends whose attribution window has closed.
 * - `successes`: goal events inside the window, from matured **and** open sends.
 * - `maturedDelayHistogram[b]`: goal events of **matured** sends whose delay
 *   (event time − send time) falls in delay bucket `b` (see `delay-buckets.ts`).
 *   Its sum is the number of successes among matured sends.
 * - `openSendsByElapsed[b]`: open sends (window not yet closed) whose elapsed
 *   time (now − send time) falls in bucket `b`. Its sum is `sends − maturedSends`.
 * - `openDelayHistogram[b]` (optional): goal events of **open** sends, by delay
 *   bucket. It lets the allocator estimate the delay distribution before any
 *   send has matured (first window of an experiment), correcting for censoring.
 * - `openElapsedMinutes[b]` (optional): the sum of the elapsed times, in minutes,
 *   of the open sends in bucket `b` (their mean age is this over
 *   `openSendsByElapsed[b]`). Without it the delay model takes a bucket's sends
 *   as spread evenly over the bucket, which overstates the age of the oldest
 *   ones in an experiment younger than that bucket's upper edge.
 * - `adaptiveWeights` (optional): the counts weighted by the sends' propensities,
 *   for the reported estimates.
 *
 * The learning loop can keep per send-time cohort (e.g. per hour) a send
 * counter and a response counter per delay bucket; at allocation time a
 * cohort older than the window is added to the matured fields, a younger one
 * goes to `openSendsByElapsed` in the bucket of its age. Histograms have
 * {@link DELAY_BUCKET_COUNT} entries; missing entries count as 0.
 */
export interface ArmStatistics {
  /** The channel of this arm. */
  readonly channel: Channel;
  /** Sends so far. */
  readonly sends: number;
  /** Sends whose attribution window has closed. */
  readonly maturedSends: number;
  /** Goal events inside the window, from all sends. */
  readonly successes: number;
  /** Goal events of matured sends, by delay bucket. */
  readonly maturedDelayHistogram: readonly number[];
  /** Open sends, by elapsed-time bucket. */
  readonly openSendsByElapsed: readonly number[];
  /** Goal events of open sends, by delay bucket (optional). */
  readonly openDelayHistogram?: readonly number[];
  /** Sum of the open sends' elapsed times in minutes, by elapsed-time bucket (optional). */
  readonly openElapsedMinutes?: readonly number[];
  /**
   * The same counts weighted by the sends' propensities (optional; for the reported estimates,
   * see `adaptivelyWeightedEvidence`). The allocator does not read them.
   */
  readonly adaptiveWeights?: AdaptivelyWeightedCounts;
}

/**
 * The statistics of an arm with nothing yet.
 *
 * @param channel - the channel.
 * @returns zero counters and empty histograms.
 */
export function emptyArmStatistics(channel: Channel): ArmStatistics {
  return {
    channel,
    sends: 0,
    maturedSends: 0,
    successes: 0,
    maturedDelayHistogram: emptyHistogram(),
    openSendsByElapsed: emptyHistogram(),
  };
}

/**
 * Adds two statistics of the same channel (e.g. two counter shards). Adaptive weights are kept
 * only when both parts have them (a part without them cannot say how its sends were weighted).
 *
 * @param a - one part.
 * @param b - the other part.
 * @returns the sum, field by field.
 */
export function addArmStatistics(a: ArmStatistics, b: ArmStatistics): ArmStatistics {
  if (a.channel !== b.channel) throw new RangeError(`cannot add statistics of ${a.channel} and ${b.channel}`);
  return {
    channel: a.channel,
    sends: a.sends + b.sends,
    maturedSends: a.maturedSends + b.maturedSends,
    successes: a.successes + b.successes,
    maturedDelayHistogram: addHistograms(a.maturedDelayHistogram, b.maturedDelayHistogram),
    openSendsByElapsed: addHistograms(a.openSendsByElapsed, b.openSendsByElapsed),
    openDelayHistogram: addHistograms(a.openDelayHistogram ?? [], b.openDelayHistogram ?? []),
    ...(a.openElapsedMinutes || b.openElapsedMinutes ? { openElapsedMinutes: addHistograms(a.openElapsedMinutes ?? [], b.openElapsedMinutes ?? []) } : {}),
    ...(a.adaptiveWeights && b.adaptiveWeights
      ? {
          adaptiveWeights: {
            maturedSends: a.adaptiveWeights.maturedSends + b.adaptiveWeights.maturedSends,
            maturedSquares: a.adaptiveWeights.maturedSquares + b.adaptiveWeights.maturedSquares,
            openSendsByElapsed: addHistograms(a.adaptiveWeights.openSendsByElapsed, b.adaptiveWeights.openSendsByElapsed),
            openSquaresByElapsed: addHistograms(a.adaptiveWeights.openSquaresByElapsed, b.adaptiveWeights.openSquaresByElapsed),
            successes: a.adaptiveWeights.successes + b.adaptiveWeights.successes,
          },
        }
      : {}),
  };
}

/**
 * Adds histograms bucket by bucket.
 *
 * @param a - a histogram.
 * @param b - another histogram.
 * @returns a histogram of {@link DELAY_BUCKET_COUNT} buckets.
 */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  const sum = emptyHistogram();
  for (let i = 0; i < DELAY_BUCKET_COUNT; i += 1) sum[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return sum;
}

/**
 * Sum of a histogram.
 *
 * @param histogram - counts per bucket.
 * @returns the total count.
 */
export function histogramTotal(histogram: readonly number[]): number {
  let total = 0;
  for (const count of histogram) total += count;
  return total;
}

/**
 * Checks the counters are consistent; throws a `RangeError` naming the arm and
 * the broken invariant.
 *
 * @param stats - the statistics to check.
 */
export function assertValidArmStatistics(stats: ArmStatistics): void {
  const where = `arm ${stats.channel}`;
  const counters: Array<[string, number]> = [
    ['sends', stats.sends],
    ['maturedSends', stats.maturedSends],
    ['successes', stats.successes],
  ];
  for (const [name, value] of counters) {
    if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${where}: ${name} must be a finite number ≥ 0, got ${value}`);
  }
  if (stats.maturedSends > stats.sends) throw new RangeError(`${where}: maturedSends (${stats.maturedSends}) > sends (${stats.sends})`);
  if (stats.successes > stats.sends) throw new RangeError(`${where}: successes (${stats.successes}) > sends (${stats.sends})`);
  const maturedSuccesses = histogramTotal(stats.maturedDelayHistogram);
  if (maturedSuccesses > stats.successes) {
    throw new RangeError(`${where}: matured responses (${maturedSuccesses}) > successes (${stats.successes})`);
  }
  if (maturedSuccesses > stats.maturedSends) {
    throw new RangeError(`${where}: matured responses (${maturedSuccesses}) > maturedSends (${stats.maturedSends})`);
  }
  if (maturedSuccesses + histogramTotal(stats.openDelayHistogram ?? []) > stats.successes) {
    throw new RangeError(`${where}: matured and open responses exceed successes (${stats.successes})`);
  }
  for (const histogram of [stats.maturedDelayHistogram, stats.openSendsByElapsed, stats.openDelayHistogram ?? [], stats.openElapsedMinutes ?? []]) {
    if (histogram.length > DELAY_BUCKET_COUNT) throw new RangeError(`${where}: histograms have at most ${DELAY_BUCKET_COUNT} buckets`);
    if (histogram.some((count) => !(count >= 0))) throw new RangeError(`${where}: histogram counts must be ≥ 0`);
  }
}
