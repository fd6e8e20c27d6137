import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { CohortCounter } from '../../domain/statistics/cohort-counters';
import type { CounterAddition } from '../../domain/statistics/stream-counts';
import { COUNTER_SHARDS, counterEntity, counterPartition, delayBucketAttribute } from './entities/counter-entity';
import { buildUpdate } from './update-expression';

export { COUNTER_SHARDS, counterPartition };

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

/** The counter a write goes to (its shard is drawn per write). */
export interface CounterKey {
  readonly experimentId: string;
  readonly segment: string;
  /** Channel or holdout. */
  readonly arm: string;
  /** Decision step. */
  readonly step: number;
  /** ISO start of the cohort hour. */
  readonly cohortStart: string;
}

/** A random shard. */
export function randomShard(random: () => number = Math.random): number {
  return Math.floor(random() * COUNTER_SHARDS);
}

/** The numbers a delta adds, by attribute. */
function additions(delta: CounterDelta): Record<string, number> {
  const adds: Record<string, number> = {};
  if (delta.sends) adds.sends = delta.sends;
  if (delta.successes) adds.successes = delta.successes;
  if (delta.successes && delta.delayBucket !== undefined) adds[delayBucketAttribute(delta.delayBucket)] = delta.successes;
  if (delta.successes && delta.value !== undefined) Object.assign(adds, { valueSum: delta.value, valueCount: 1 });
  if (delta.failures) adds.failures = delta.failures;
  if (delta.propensity !== undefined && delta.propensity > 0) {
    if (delta.sends) adds.ipwSends = delta.sends / delta.propensity;
    if (delta.successes) adds.ipwSuccesses = delta.successes / delta.propensity;
  }
  return adds;
}

/** The `Update` (of a transaction or alone) that adds `adds` to the counter `key` in `shard`, creating it with its key fields. */
function counterItemUpdate(tableName: string, key: CounterKey, shard: number, adds: Record<string, number>) {
  return {
    Update: {
      TableName: tableName,
      Key: counterEntity.key({ ...key, shard }),
      ...buildUpdate({
        set: { segment: key.segment, arm: key.arm, step: key.step, cohortStart: key.cohortStart, entity: counterEntity.name },
        add: adds,
      }),
    },
  };
}

/** The `Update` of a transaction that adds `delta` to the counter `key` (in a random shard). */
export function counterUpdate(tableName: string, key: CounterKey, delta: CounterDelta, shard: number = randomShard()) {
  return counterItemUpdate(tableName, key, shard, additions(delta));
}

/** The numbers an aggregated addition adds, by attribute (zeros left out: `ADD 0` would still be a change). */
function aggregatedAdditions(addition: CounterAddition): Record<string, number> {
  const adds: Record<string, number> = {};
  const put = (name: string, value: number) => {
    if (value !== 0) adds[name] = value;
  };
  put('sends', addition.sends);
  put('successes', addition.successes);
  addition.delayHistogram.forEach((count, bucket) => put(delayBucketAttribute(bucket), count));
  put('valueSum', addition.valueSum);
  put('valueCount', addition.valueCount);
  put('ipwSends', addition.ipwSends);
  put('ipwSuccesses', addition.ipwSuccesses);
  return adds;
}

/** The `Update` of a transaction that adds an aggregated addition (many sends and successes at once) to a counter in `shard`. */
export function counterAdditionUpdate(tableName: string, key: CounterKey, addition: CounterAddition, shard: number) {
  return counterItemUpdate(tableName, key, shard, aggregatedAdditions(addition));
}

/** Reads every shard of an experiment's counters (not merged: see `mergeShards`). */
export async function readCounters(client: DynamoDBDocumentClient, tableName: string, experimentId: string): Promise<CohortCounter[]> {
  const pages = await Promise.all(
    Array.from({ length: COUNTER_SHARDS }, (_, shard) =>
      queryAll(client, { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': counterPartition(experimentId, shard) } }),
    ),
  );
  return pages.flat().map((item) => counterEntity.parse(item));
}
