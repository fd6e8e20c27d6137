import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { DELAY_BUCKET_COUNT } from '../../domain/bandit';
import type { CohortCounter } from '../../domain/statistics/cohort-counters';

/**
 * Sharded statistics counters (no hot keys).
 *
 * One experiment may see 10,000 sends/s and as many events; a DynamoDB item (and a partition)
 * takes about 1,000 writes/s. Every send and every counted goal event adds to one counter item
 * `STATS#<experiment>#<shard>` / `<segment>#<arm>#<step>#<cohort hour>`, the shard drawn at
 * random among {@link COUNTER_SHARDS}. Worst case (all traffic in one segment, arm and hour):
 * 10,000 / 20 = 500 writes/s per item, half the limit. The allocator reads the experiment's
 * counters with one query per shard (20 queries per run, each a few KB) and adds them up.
 */
export const COUNTER_SHARDS = 20;

/** What one write adds to a counter. */
export interface CounterDelta {
  /** Sends to add. */
  readonly sends?: number;
  /** Successes to add. */
  readonly successes?: number;
  /** Delay bucket of the success, if one is added. */
  readonly delayBucket?: number;
  /** Value carried by the success. */
  readonly value?: number;
  /** Propensity of the decision: sends add 1/p to `ipwSends`, successes add 1/p to `ipwSuccesses`. */
  readonly propensity?: number;
  /** Messages that ended `failed` (refused by the provider, or given up after the retry cap). */
  readonly failures?: number;
}

/** The counter a write goes to. */
export interface CounterKey {
  /** Experiment. */
  readonly experimentId: string;
  /** Segment. */
  readonly segment: string;
  /** Channel or holdout. */
  readonly arm: string;
  /** Decision step. */
  readonly step: number;
  /** ISO start of the cohort hour. */
  readonly cohortStart: string;
}

/** Partition of one shard of an experiment's counters. */
export function counterPartition(experimentId: string, shard: number): string {
  return `STATS#${experimentId}#${shard}`;
}

/** A random shard. */
export function randomShard(random: () => number = Math.random): number {
  return Math.floor(random() * COUNTER_SHARDS);
}

/** Name of the attribute counting successes in a delay bucket. */
const bucketAttribute = (bucket: number) => `d${bucket}`;

/** The `Update` of a transaction that adds `delta` to the counter `key` (in a random shard). */
export function counterUpdate(tableName: string, key: CounterKey, delta: CounterDelta, shard: number = randomShard()) {
  const adds: [string, number][] = [];
  if (delta.sends) adds.push(['sends', delta.sends]);
  if (delta.successes) adds.push(['successes', delta.successes]);
  if (delta.successes && delta.delayBucket !== undefined) adds.push([bucketAttribute(delta.delayBucket), delta.successes]);
  if (delta.successes && delta.value !== undefined) adds.push(['valueSum', delta.value], ['valueCount', 1]);
  if (delta.failures) adds.push(['failures', delta.failures]);
  if (delta.propensity !== undefined && delta.propensity > 0) {
    if (delta.sends) adds.push(['ipwSends', delta.sends / delta.propensity]);
    if (delta.successes) adds.push(['ipwSuccesses', delta.successes / delta.propensity]);
  }
  return {
    Update: {
      TableName: tableName,
      Key: { pk: counterPartition(key.experimentId, shard), sk: `${key.segment}#${key.arm}#${key.step}#${key.cohortStart}` },
      UpdateExpression: `SET #segment = :segment, #arm = :arm, #step = :step, #cohort = :cohort, #entity = :entity ADD ${adds.map((_, index) => `#a${index} :a${index}`).join(', ')}`,
      ExpressionAttributeNames: {
        '#segment': 'segment',
        '#arm': 'arm',
        '#step': 'step',
        '#cohort': 'cohortStart',
        '#entity': 'entity',
        ...Object.fromEntries(adds.map(([name], index) => [`#a${index}`, name])),
      },
      ExpressionAttributeValues: {
        ':segment': key.segment,
        ':arm': key.arm,
        ':step': key.step,
        ':cohort': key.cohortStart,
        ':entity': 'counter',
        ...Object.fromEntries(adds.map(([, value], index) => [`:a${index}`, value])),
      },
    },
  };
}

/** Reads every shard of an experiment's counters (not merged: see `mergeShards`). */
export async function readCounters(client: DynamoDBDocumentClient, tableName: string, experimentId: string): Promise<CohortCounter[]> {
  const pages = await Promise.all(
    Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
      queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': counterPartition(experimentId, shard) } }),
    ),
  );
  return pages.flat().map((item) => ({
    segment: item.segment as string,
    arm: item.arm as CohortCounter['arm'],
    step: item.step as number,
    cohortStart: item.cohortStart as string,
    sends: (item.sends as number | undefined) ?? 0,
    successes: (item.successes as number | undefined) ?? 0,
    delayHistogram: Array.from({ length: DELAY_BUCKET_COUNT }, (_, bucket) => (item[bucketAttribute(bucket)] as number | undefined) ?? 0),
    valueSum: (item.valueSum as number | undefined) ?? 0,
    valueCount: (item.valueCount as number | undefined) ?? 0,
    ipwSends: (item.ipwSends as number | undefined) ?? 0,
    ipwSuccesses: (item.ipwSuccesses as number | undefined) ?? 0,
    failures: (item.failures as number | undefined) ?? 0,
  }));
}
