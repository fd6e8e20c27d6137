import * as z from 'zod';
import { defineEntity } from './define-entity';

/** Where the counter aggregator stands in one shard of the table's stream. */
export interface StreamCheckpoint {
  /** The stream shard. */
  readonly shardId: string;
  /** Sequence number of the last change counted, zero-padded (see {@link SEQUENCE_DIGITS}) so that strings order as numbers. */
  readonly sequence: string;
}

/** Digits of a padded sequence number (DynamoDB Streams sequence numbers have 21 to 40). */
export const SEQUENCE_DIGITS = 40;

/** A sequence number padded to {@link SEQUENCE_DIGITS} digits: conditions compare them as strings. */
export function paddedSequence(sequenceNumber: string): string {
  if (!/^\d+$/.test(sequenceNumber) || sequenceNumber.length > SEQUENCE_DIGITS) throw new Error(`not a stream sequence number: ${JSON.stringify(sequenceNumber)}`);
  return sequenceNumber.padStart(SEQUENCE_DIGITS, '0');
}

/** Prefix of every checkpoint's partition key. */
export const CHECKPOINT_PARTITION_PREFIX = 'STREAMPOS#';

/** Per stream shard, the last change the counters hold (written with them, in one transaction). */
export const streamCheckpointEntity = defineEntity<StreamCheckpoint, { readonly shardId: string }>({
  name: 'streamCheckpoint',
  summary: 'stream checkpoint (counter aggregator)',
  schema: z.object({ shardId: z.string(), sequence: z.string().regex(/^\d+$/) }),
  key: ({ shardId }) => ({ pk: `${CHECKPOINT_PARTITION_PREFIX}${shardId}`, sk: 'CHECKPOINT' }),
  layout: { pk: '`STREAMPOS#<stream shard>`', sk: '`CHECKPOINT`' },
});
