import { adaptiveWeight, type ArmStatistics, delayBucketOf, emptyArmStatistics, emptyHistogram, type SegmentStatistics } from '../bandit';
import type { Channel } from '../experiment/channels';

/** The holdout's pseudo-arm name in counters. */
export const HOLDOUT_ARM = 'holdout';
/** Length of a send cohort (sends are counted per hour of sending). */
export const COHORT_MS = 3_600_000;
/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;

/** The sums one send cohort's counters keep (every field a sum, so shards and stream batches add up). */
export interface CohortSums {
  /** Sends (for the holdout: held-out decisions). */
  readonly sends: number;
  /** Goal events counted (once per decision, inside the window). */
  readonly successes: number;
  /** Successes by delay bucket. */
  readonly delayHistogram: readonly number[];
  /** Sum of the values goal events carried (survey score, order amount). */
  readonly valueSum: number;
  /** How many goal events carried a value. */
  readonly valueCount: number;
  /** Σ 1/propensity over the sends (for the self-normalised inverse-propensity estimate). */
  readonly ipwSends: number;
  /** Σ 1/propensity over the successes. */
  readonly ipwSuccesses: number;
}

/**
 * Counters of one send cohort: the sends of one hour for one (segment, arm, step), and the goal
 * events attributed to them, by delay bucket. Every field is a sum, so shards add up.
 */
export interface CohortCounter extends CohortSums {
  readonly segment: string;
  /** Channel, or `holdout`. */
  readonly arm: Channel | typeof HOLDOUT_ARM;
  /** Decision step (0 first message, 1+ follow-ups). */
  readonly step: number;
  /** ISO start of the hour the sends happened in. */
  readonly cohortStart: string;
  /** Messages of this cohort's decisions that ended `failed` (absent in older counters: 0). */
  readonly failures?: number;
}

/** The ISO start of the cohort an instant falls in. */
export function cohortOf(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(Math.floor(ms / COHORT_MS) * COHORT_MS).toISOString();
}

/** Sums counters with the same (segment, arm, step, cohort): shards into one. */
export function mergeShards(counters: readonly CohortCounter[]): CohortCounter[] {
  const merged = new Map<string, CohortCounter>();
  for (const counter of counters) {
    const key = `${counter.segment}\u0000${counter.arm}\u0000${counter.step}\u0000${counter.cohortStart}`;
    const previous = merged.get(key);
    merged.set(
      key,
      previous
        ? {
            ...previous,
            sends: previous.sends + counter.sends,
            successes: previous.successes + counter.successes,
            delayHistogram: emptyHistogram().map((_, index) => (previous.delayHistogram[index] ?? 0) + (counter.delayHistogram[index] ?? 0)),
            valueSum: previous.valueSum + counter.valueSum,
            valueCount: previous.valueCount + counter.valueCount,
            ipwSends: previous.ipwSends + counter.ipwSends,
            ipwSuccesses: previous.ipwSuccesses + counter.ipwSuccesses,
            failures: (previous.failures ?? 0) + (counter.failures ?? 0),
          }
        : counter,
    );
  }
  return [...merged.values()];
}

/** Totals of the holdout (or of any arm) in one segment. */
export interface ArmTotals {
  /** Sends (decisions for the holdout). */
  readonly sends: number;
  readonly successes: number;
  readonly maturedSends: number;
  /** Sum of values. */
  readonly valueSum: number;
  /** Count of values. */
  readonly valueCount: number;
}

/** Per-arm sums beyond the bandit's counters. */
export interface ArmExtras {
  /** Sum of goal values. */
  readonly sum: number;
  /** Count of goal values. */
  readonly count: number;
  /** Σ 1/p over sends. */
  readonly ipwSends: number;
  /** Σ 1/p over successes. */
  readonly ipwSuccesses: number;
  /** Messages that ended `failed`. */
  readonly failures: number;
}

/** The bandit's `AdaptivelyWeightedCounts`, being summed. */
interface MutableWeightedCounts {
  maturedSends: number;
  maturedSquares: number;
  openSendsByElapsed: number[];
  openSquaresByElapsed: number[];
  successes: number;
}

type MutableTotals = { -readonly [K in keyof ArmTotals]: ArmTotals[K] };

function emptyTotals(): MutableTotals {
  return { sends: 0, successes: 0, maturedSends: 0, valueSum: 0, valueCount: 0 };
}

function addTotals(totals: MutableTotals, counter: CohortCounter, matured: boolean): void {
  totals.sends += counter.sends;
  totals.successes += counter.successes;
  totals.maturedSends += matured ? counter.sends : 0;
  totals.valueSum += counter.valueSum;
  totals.valueCount += counter.valueCount;
}

/** Everything the allocator and the results read, aggregated from counters. */
export interface AggregatedStatistics {
  /** First decisions (step 0) per segment, as the bandit takes them. */
  readonly segments: readonly SegmentStatistics[];
  /** Holdout totals per segment. */
  readonly holdout: Readonly<Record<string, ArmTotals>>;
  /** Value sums and inverse-propensity sums per segment and channel (step 0). */
  readonly values: Readonly<Record<string, Readonly<Partial<Record<Channel, ArmExtras>>>>>;
  /** Follow-up decisions (step ≥ 1) per step, segment and channel. */
  readonly followUps: Readonly<Record<number, Readonly<Record<string, Readonly<Partial<Record<Channel, ArmTotals>>>>>>>;
}

/**
 * A cell as no sends rather than negative ones. Sends are counted from the table's stream, seconds
 * after they happen, while a bounce takes its send back at once: for those seconds a cell can hold
 * the take-back without the send.
 */
function withoutNegativeSends(counter: CohortCounter): CohortCounter {
  return counter.sends >= 0 ? counter : { ...counter, sends: 0, ipwSends: Math.max(0, counter.ipwSends) };
}

/**
 * Turns cohort counters into the bandit's arm statistics at `now`: a cohort whose window has
 * closed for all its sends (`cohort end + window ≤ now`) is matured; a younger one is open, its
 * sends placed in the elapsed-time bucket of the cohort's midpoint, and their elapsed minutes
 * added to that bucket's `openElapsedMinutes` (so the delay model knows their mean age). Each
 * cohort's counts are also added with the adaptive weight of its propensity (`adaptiveWeights`,
 * for the reported estimates): the cohort's propensity is its sends over Σ 1/p.
 */
export function aggregateCounters(
  counters: readonly CohortCounter[],
  input: { readonly now: Date; readonly windowHours: number; readonly channels: readonly Channel[]; readonly segments: readonly string[] },
): AggregatedStatistics {
  const windowMs = input.windowHours * MS_PER_HOUR;
  const nowMs = input.now.getTime();
  type Mutable = { -readonly [K in keyof ArmStatistics]: ArmStatistics[K] extends readonly number[] ? number[] : ArmStatistics[K] };
  const arms = new Map<string, Mutable>();
  const armOf = (segment: string, channel: Channel): Mutable => {
    const key = `${segment}\u0000${channel}`;
    let arm = arms.get(key);
    if (!arm) {
      const empty = emptyArmStatistics(channel);
      arm = {
        ...empty,
        maturedDelayHistogram: [...empty.maturedDelayHistogram],
        openSendsByElapsed: [...empty.openSendsByElapsed],
        openDelayHistogram: emptyHistogram(),
        openElapsedMinutes: emptyHistogram(),
        adaptiveWeights: { maturedSends: 0, maturedSquares: 0, openSendsByElapsed: emptyHistogram(), openSquaresByElapsed: emptyHistogram(), successes: 0 },
      };
      arms.set(key, arm);
    }
    return arm;
  };
  const holdout: Record<string, MutableTotals> = {};
  const values: Record<string, Partial<Record<Channel, { sum: number; count: number; ipwSends: number; ipwSuccesses: number; failures: number }>>> = {};
  const followUps: Record<number, Record<string, Partial<Record<Channel, MutableTotals>>>> = {};

  for (const counter of mergeShards(counters).map(withoutNegativeSends)) {
    const cohortStartMs = Date.parse(counter.cohortStart);
    const matured = cohortStartMs + COHORT_MS + windowMs <= nowMs;
    if (counter.arm === HOLDOUT_ARM) {
      if (counter.step !== 0) continue;
      addTotals((holdout[counter.segment] ??= emptyTotals()), counter, matured);
      continue;
    }
    if (counter.step > 0) {
      const bySegment = ((followUps[counter.step] ??= {})[counter.segment] ??= {});
      addTotals((bySegment[counter.arm] ??= emptyTotals()), counter, matured);
      continue;
    }
    const arm = armOf(counter.segment, counter.arm);
    arm.sends += counter.sends;
    arm.successes += counter.successes;
    // The cohort's propensity: its sends over Σ 1/p (their harmonic mean; 1 for counters without it).
    const weight = adaptiveWeight(counter.ipwSends > 0 ? Math.min(1, counter.sends / counter.ipwSends) : 1);
    const weighted = arm.adaptiveWeights as MutableWeightedCounts;
    weighted.successes += counter.successes * weight;
    const value = ((values[counter.segment] ??= {})[counter.arm] ??= { sum: 0, count: 0, ipwSends: 0, ipwSuccesses: 0, failures: 0 });
    value.failures += counter.failures ?? 0;
    value.sum += counter.valueSum;
    value.count += counter.valueCount;
    value.ipwSends += counter.ipwSends;
    value.ipwSuccesses += counter.ipwSuccesses;
    if (matured) {
      arm.maturedSends += counter.sends;
      weighted.maturedSends += counter.sends * weight;
      weighted.maturedSquares += counter.sends * weight * weight;
      counter.delayHistogram.forEach((count, bucket) => (arm.maturedDelayHistogram[bucket] = (arm.maturedDelayHistogram[bucket] ?? 0) + count));
    } else {
      const elapsed = Math.min(Math.max(0, nowMs - (cohortStartMs + COHORT_MS / 2)), windowMs);
      const bucket = delayBucketOf(elapsed);
      arm.openSendsByElapsed[bucket] = (arm.openSendsByElapsed[bucket] ?? 0) + counter.sends;
      (arm.openElapsedMinutes as number[])[bucket] = ((arm.openElapsedMinutes as number[])[bucket] ?? 0) + (counter.sends * elapsed) / MS_PER_MINUTE;
      weighted.openSendsByElapsed[bucket] = (weighted.openSendsByElapsed[bucket] ?? 0) + counter.sends * weight;
      weighted.openSquaresByElapsed[bucket] = (weighted.openSquaresByElapsed[bucket] ?? 0) + counter.sends * weight * weight;
      counter.delayHistogram.forEach((count, index) => ((arm.openDelayHistogram as number[])[index] = ((arm.openDelayHistogram as number[])[index] ?? 0) + count));
    }
  }
  const segments: SegmentStatistics[] = input.segments.map((segment) => ({
    segment,
    arms: input.channels.map((channel) => armOf(segment, channel) as ArmStatistics),
  }));
  return { segments, holdout, values, followUps };
}
