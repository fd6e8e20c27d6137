import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountChunk } from '../../domain/statistics/stream-counts';
import type { CounterLedger, LedgerOutcome } from '../../use-cases/ports/counter-ledger';
import { COUNTER_SHARDS } from './entities/counter-entity';
import { paddedSequence, streamCheckpointEntity } from './entities/stream-checkpoint-entity';
import { counterAdditionUpdate } from './stats-counters';
import { TTL_ATTRIBUTE } from './table-definition';
import { transactWrite } from './transact';

/**
 * How long a checkpoint is kept (DynamoDB TTL): a stream keeps records 24 hours, so no change of a
 * shard can be delivered two days after its checkpoint was last written.
 */
export const CHECKPOINT_RETENTION_SECONDS = 2 * 86_400;
const MS_PER_SECOND = 1000;
/** Reason code of a failed condition in a cancelled transaction. */
const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * The counter shard a stream shard writes to: stable per stream shard, so that concurrent
 * aggregator invocations (one per stream shard) seldom write the same counter item.
 */
export function counterShardOf(streamShardId: string): number {
  return createHash('sha256').update(streamShardId).digest().readUInt32BE(0) % COUNTER_SHARDS;
}

/**
 * Counters and stream checkpoints in the single table. One transaction per chunk: a conditional
 * put of the shard's checkpoint (its sequence must be before the chunk's first change) and one
 * `ADD` per counter cell. A transaction costs 2 WRU per item: a chunk of n changes over c cells is
 * 2 + 2c WRU, whatever n.
 */
export class DynamoCounterLedger implements CounterLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowMs: () => number,
  ) {}

  async apply(shardId: string, chunk: CountChunk): Promise<LedgerOutcome> {
    const shard = counterShardOf(shardId);
    const checkpoint = {
      Put: {
        TableName: this.tableName,
        Item: { ...streamCheckpointEntity.item({ shardId, sequence: paddedSequence(chunk.lastSequence) }, { shardId }), [TTL_ATTRIBUTE]: Math.floor(this.nowMs() / MS_PER_SECOND) + CHECKPOINT_RETENTION_SECONDS },
        ConditionExpression: 'attribute_not_exists(#csequence) OR #csequence < :cfirst',
        ExpressionAttributeNames: { '#csequence': 'sequence' },
        ExpressionAttributeValues: { ':cfirst': paddedSequence(chunk.firstSequence) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
    const counters = chunk.increments.map(({ cell, addition }) => counterAdditionUpdate(this.tableName, cell, addition, shard));
    const outcome = await transactWrite(this.client, [checkpoint, ...counters]);
    if (outcome.written) return { applied: true };
    const stored = outcome.items[0];
    if (outcome.reasons[0] !== CONDITION_FAILED || !stored) throw new Error(`counters of stream shard ${shardId} could not be written: ${outcome.reasons.join(', ')}`);
    return { applied: false, checkpoint: streamCheckpointEntity.parse(stored).sequence };
  }
}
