import * as z from 'zod';
import { DELAY_BUCKET_COUNT, delayBucketOf } from '../bandit';
import { ChannelSchema } from '../experiment/channels';
import { type CohortSums, cohortOf, HOLDOUT_ARM } from './cohort-counters';

/**
 * Counting sends and successes from the table's stream (NEW_AND_OLD_IMAGES) instead of in the
 * transaction of the write that makes them: a decision's `sent` write and its goal write are single
 * writes, and the counter aggregator adds what they did to the cohort counters in batches.
 *
 * A change counts when the old image lacks what the new one has: a send when `sentAt` appears, a
 * success when `goalAt` appears. Only writes that say so are counted here ({@link SEND_COUNTED_BY},
 * {@link GOAL_COUNTED_BY} = {@link STREAM_COUNTED}): a write made by code from before the switch
 * added to its counter in its own transaction, and must not be counted twice.
 */

/** Value of the markers below: the stream counts this write. */
export const STREAM_COUNTED = 'stream';
/** Attribute the `sent` write sets when the stream counts the send. */
export const SEND_COUNTED_BY = 'sendCountedBy';
/** Attribute the goal write sets when the stream counts the success. */
export const GOAL_COUNTED_BY = 'goalCountedBy';
/** Attribute of the goal write: delay from the send to the goal event, in ms (the success's delay bucket). */
export const GOAL_DELAY_MS = 'goalDelayMs';
/** Attribute of the goal write: the value the goal event carried, if any. */
export const GOAL_VALUE = 'goalValue';

/** One change of an item as the table's stream shows it, images unmarshalled to plain values. */
export interface StreamChange {
  /** The record's sequence number in its stream shard (digits; increasing within the shard). */
  readonly sequenceNumber: string;
  /** The item before the write (absent for an insert). */
  readonly oldImage?: Readonly<Record<string, unknown>>;
  /** The item after the write (absent for a removal). */
  readonly newImage?: Readonly<Record<string, unknown>>;
}

/** The counter cell a change adds to: (experiment, segment, arm, step, cohort hour). */
export interface CounterCell {
  readonly experimentId: string;
  readonly segment: string;
  /** Channel or holdout. */
  readonly arm: string;
  readonly step: number;
  /** ISO start of the cohort hour. */
  readonly cohortStart: string;
}

/** What changes add to one counter cell: the cohort's sums ({@link DELAY_BUCKET_COUNT} delay buckets). */
export type CounterAddition = CohortSums;

/** A counter cell and what to add to it. */
export interface CounterIncrement {
  readonly cell: CounterCell;
  readonly addition: CounterAddition;
}

/** A run of consecutive changes of one shard and what they add up to. */
export interface CountChunk {
  /** Sequence number of the chunk's first change. */
  readonly firstSequence: string;
  /** Sequence number of its last change. */
  readonly lastSequence: string;
  /** How many changes it covers (counted or not). */
  readonly changes: number;
  /** One increment per counter cell (at most the chunk limit). */
  readonly increments: readonly CounterIncrement[];
}

/** A change marked for counting whose image lacks what a count needs (a bug, never user input). */
export class UncountableChangeError extends Error {
  override readonly name = 'UncountableChangeError';
  /** @param sequenceNumber - the change's sequence number; @param detail - what is missing. */
  constructor(
    readonly sequenceNumber: string,
    detail: string,
  ) {
    super(`stream change ${sequenceNumber} is marked for counting but cannot be counted: ${detail}`);
  }
}

/** What a counted decision's image must hold. */
const CountedDecision = z.object({
  experimentId: z.string(),
  segment: z.string(),
  step: z.number().int().min(0),
  channel: ChannelSchema.nullable(),
  propensity: z.number().positive(),
  decidedAt: z.string(),
  sentAt: z.string().optional(),
  goalAt: z.string().optional(),
  [GOAL_DELAY_MS]: z.number().min(0).optional(),
  [GOAL_VALUE]: z.number().optional(),
});

/** An addition with nothing in it. */
export function emptyAddition(): CounterAddition {
  return { sends: 0, successes: 0, delayHistogram: Array.from({ length: DELAY_BUCKET_COUNT }, () => 0), valueSum: 0, valueCount: 0, ipwSends: 0, ipwSuccesses: 0 };
}

/** The sum of two additions. */
export function addAdditions(a: CounterAddition, b: CounterAddition): CounterAddition {
  return {
    sends: a.sends + b.sends,
    successes: a.successes + b.successes,
    delayHistogram: a.delayHistogram.map((count, bucket) => count + (b.delayHistogram[bucket] ?? 0)),
    valueSum: a.valueSum + b.valueSum,
    valueCount: a.valueCount + b.valueCount,
    ipwSends: a.ipwSends + b.ipwSends,
    ipwSuccesses: a.ipwSuccesses + b.ipwSuccesses,
  };
}

const appeared = (change: StreamChange, attribute: string): boolean => change.newImage?.[attribute] !== undefined && change.oldImage?.[attribute] === undefined;

/** The increments one change makes: a send when `sentAt` appears, a success when `goalAt` appears, each only when its write asked the stream to count it. */
export function incrementsOf(change: StreamChange): CounterIncrement[] {
  const image = change.newImage;
  if (!image) return [];
  const send = appeared(change, 'sentAt') && image[SEND_COUNTED_BY] === STREAM_COUNTED;
  const success = appeared(change, 'goalAt') && image[GOAL_COUNTED_BY] === STREAM_COUNTED;
  if (!send && !success) return [];
  const parsed = CountedDecision.safeParse(image);
  if (!parsed.success) throw new UncountableChangeError(change.sequenceNumber, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  const decision = parsed.data;
  const base = { experimentId: decision.experimentId, segment: decision.segment, step: decision.step };
  const increments: CounterIncrement[] = [];
  if (send) {
    if (decision.channel === null || decision.sentAt === undefined) throw new UncountableChangeError(change.sequenceNumber, 'a send needs a channel and sentAt');
    increments.push({ cell: { ...base, arm: decision.channel, cohortStart: cohortOf(decision.sentAt) }, addition: { ...emptyAddition(), sends: 1, ipwSends: 1 / decision.propensity } });
  }
  if (success) {
    const delayMs = decision[GOAL_DELAY_MS];
    if (delayMs === undefined) throw new UncountableChangeError(change.sequenceNumber, `a success needs ${GOAL_DELAY_MS}`);
    const histogram = emptyAddition().delayHistogram.map((_, bucket) => (bucket === delayBucketOf(delayMs) ? 1 : 0));
    const value = decision[GOAL_VALUE];
    increments.push({
      // The cohort of the send (a holdout decision's cohort is its decision's hour), as the send's own count.
      cell: { ...base, arm: decision.channel ?? HOLDOUT_ARM, cohortStart: cohortOf(decision.sentAt ?? decision.decidedAt) },
      addition: { ...emptyAddition(), successes: 1, delayHistogram: histogram, ipwSuccesses: 1 / decision.propensity, ...(value !== undefined ? { valueSum: value, valueCount: 1 } : {}) },
    });
  }
  return increments;
}

/** The key of a counter cell (equal cells, equal keys). */
export const cellKey = (cell: CounterCell): string => [cell.experimentId, cell.segment, cell.arm, cell.step, cell.cohortStart].join('\u0000');

/** Orders two sequence numbers of one shard (numerically: they are digit strings of varying length). */
export function compareSequence(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** The changes after `checkpoint` (all of them when there is none), in their order. */
export function changesAfter(changes: readonly StreamChange[], checkpoint: string | undefined): StreamChange[] {
  return checkpoint === undefined ? [...changes] : changes.filter((change) => compareSequence(change.sequenceNumber, checkpoint) > 0);
}

/**
 * The first chunk of `changes` (in order): the longest run whose increments touch at most
 * `maxCells` counter cells, and at least one change. Summing happens per cell, so a chunk is one
 * write per cell however many changes it covers. A change that cannot be counted ends the chunk
 * before it; as the first change it throws {@link UncountableChangeError}.
 */
export function firstChunk(changes: readonly StreamChange[], maxCells: number): CountChunk {
  const first = changes[0];
  if (!first) throw new Error('no changes to chunk');
  const cells = new Map<string, CounterIncrement>();
  let taken = 0;
  for (const change of changes) {
    let increments: CounterIncrement[];
    try {
      increments = incrementsOf(change);
    } catch (error) {
      // The changes before it still make a chunk; the next chunk starts with it (and stops there).
      if (taken > 0 && error instanceof UncountableChangeError) break;
      throw error;
    }
    const newCells = new Set(increments.map((increment) => cellKey(increment.cell)).filter((key) => !cells.has(key)));
    if (taken > 0 && cells.size + newCells.size > maxCells) break;
    for (const increment of increments) {
      const key = cellKey(increment.cell);
      const previous = cells.get(key);
      cells.set(key, previous ? { cell: previous.cell, addition: addAdditions(previous.addition, increment.addition) } : increment);
    }
    taken += 1;
  }
  return { firstSequence: first.sequenceNumber, lastSequence: changes[taken - 1]!.sequenceNumber, changes: taken, increments: [...cells.values()] };
}
