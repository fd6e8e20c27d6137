import type { CountChunk } from '../../domain/statistics/stream-counts';

/** What applying a chunk did. */
export type LedgerOutcome =
  /** The chunk's increments were added and the shard's checkpoint moved to its last change, in one atomic write. */
  | { readonly applied: true }
  /** The shard's checkpoint was already at or past the chunk's first change: nothing was written. */
  | { readonly applied: false; readonly checkpoint: string };

/**
 * The counters and, per stream shard, the last change they hold (the checkpoint). A chunk is
 * applied only when the checkpoint is before its first change, and moves the checkpoint to its
 * last change in the same atomic write: a change is counted once however often it is delivered.
 */
export interface CounterLedger {
  /** Adds the chunk's increments and moves the checkpoint of `shardId`, or says where the checkpoint is. */
  apply(shardId: string, chunk: CountChunk): Promise<LedgerOutcome>;
}
