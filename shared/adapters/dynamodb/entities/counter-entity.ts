import * as z from 'zod';
import { DELAY_BUCKET_COUNT } from '../../../domain/bandit';
import { type CohortCounter, HOLDOUT_ARM } from '../../../domain/statistics/cohort-counters';
import { ChannelSchema } from '../../../domain/experiment/channels';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';

/**
 * Sharded statistics counters (no hot keys). One experiment may see 10,000 sends/s and as many
 * events; a DynamoDB item (and a partition) takes about 1,000 writes/s. Every counted send and
 * goal adds to one counter item in a shard drawn at random among {@link COUNTER_SHARDS}. Worst
 * case (all traffic in one segment, arm and hour): 10,000 / 20 = 500 writes/s per item, half the
 * limit. The allocator reads the experiment's counters with one query per shard and adds them up.
 */
export const COUNTER_SHARDS = 20;

/** Prefix of every counter partition. */
export const COUNTER_PARTITION_PREFIX = 'STATS#';
/** Partition of one shard of an experiment's counters. */
export const counterPartition = (experimentId: string, shard: number) => `${COUNTER_PARTITION_PREFIX}${experimentId}#${shard}`;

/** Name of the attribute counting successes in a delay bucket. */
export const delayBucketAttribute = (bucket: number) => `d${bucket}`;

/** Where a counter is: experiment, shard, and the cohort it counts. */
export interface CounterAddress {
  readonly experimentId: string;
  /** Shard, 0 … COUNTER_SHARDS − 1. */
  readonly shard: number;
  readonly segment: string;
  /** Channel or holdout. */
  readonly arm: string;
  /** Decision step. */
  readonly step: number;
  /** ISO start of the cohort hour. */
  readonly cohortStart: string;
}

const count = z.number().default(0);

/** Counter items: sums per (segment, arm, step, cohort hour), in one of 20 shards. */
export const counterEntity = defineEntity<CohortCounter, CounterAddress>({
  name: 'counter',
  summary: 'counter',
  schema: z
    .object({
      segment: z.string(),
      arm: z.union([ChannelSchema, z.literal(HOLDOUT_ARM)]),
      step: z.number().int().min(0),
      cohortStart: StoredInstant,
      sends: count,
      successes: count,
      valueSum: count,
      valueCount: count,
      ipwSends: count,
      ipwSuccesses: count,
      failures: count,
    })
    .catchall(z.unknown())
    .transform((item) => ({
      segment: item.segment,
      arm: item.arm,
      step: item.step,
      cohortStart: item.cohortStart,
      sends: item.sends,
      successes: item.successes,
      delayHistogram: Array.from({ length: DELAY_BUCKET_COUNT }, (_, bucket) => {
        const value = item[delayBucketAttribute(bucket)];
        return typeof value === 'number' ? value : 0;
      }),
      valueSum: item.valueSum,
      valueCount: item.valueCount,
      ipwSends: item.ipwSends,
      ipwSuccesses: item.ipwSuccesses,
      failures: item.failures,
    })),
  key: ({ experimentId, shard, segment, arm, step, cohortStart }) => ({ pk: counterPartition(experimentId, shard), sk: `${segment}#${arm}#${step}#${cohortStart}` }),
  layout: { pk: '`STATS#<experiment>#<shard>`', sk: '`<segment>#<arm>#<step>#<cohort hour>`' },
});
