import { changesAfter, firstChunk, type StreamChange } from '../../domain/statistics/stream-counts';
import type { CounterLedger } from '../ports/counter-ledger';

/**
 * Counter cells one atomic write may touch: a DynamoDB transaction holds 100 items, one of them
 * the shard's checkpoint.
 */
export const MAX_CELLS_PER_WRITE = 99;

/** What the counter aggregator needs. */
export interface CountStreamDependencies {
  /** Counters and per-shard checkpoints. */
  readonly ledger: CounterLedger;
}

/** Consecutive changes of one stream shard, in the shard's order. */
export interface StreamBatch {
  /** The stream shard the changes come from. */
  readonly shardId: string;
  readonly changes: readonly StreamChange[];
}

/** What counting a batch did. */
export interface CountReport {
  /** Chunks written (one atomic write each). */
  readonly writes: number;
  /** Changes covered by those writes. */
  readonly counted: number;
  /** Changes skipped because the shard's checkpoint already held them (a redelivery). */
  readonly alreadyCounted: number;
  /** Changes that add nothing (no marked send or goal appeared in them). */
  readonly ignored: number;
  /** When a write failed: the sequence number of the first change not counted, and why. */
  readonly stoppedAt?: { readonly sequenceNumber: string; readonly error: unknown };
}

/**
 * Adds a batch of stream changes to the counters, chunk by chunk in the shard's order. Each chunk
 * is one atomic write that also moves the shard's checkpoint, so a batch delivered again, split in
 * two, or overlapping one already counted adds each change once: the changes at or before the
 * checkpoint are dropped and the rest counted. A failed write stops the batch there; the report
 * says where, and everything before it is counted (the caller retries from that change).
 */
export async function countStreamChanges(deps: CountStreamDependencies, batch: StreamBatch): Promise<CountReport> {
  let pending = [...batch.changes];
  let writes = 0;
  let counted = 0;
  let alreadyCounted = 0;
  let ignored = 0;
  while (pending.length > 0) {
    let chunk;
    try {
      chunk = firstChunk(pending, MAX_CELLS_PER_WRITE);
    } catch (error) {
      return { writes, counted, alreadyCounted, ignored, stoppedAt: { sequenceNumber: pending[0]!.sequenceNumber, error } };
    }
    if (chunk.increments.length === 0) {
      ignored += chunk.changes;
      pending = pending.slice(chunk.changes);
      continue;
    }
    let outcome;
    try {
      outcome = await deps.ledger.apply(batch.shardId, chunk);
    } catch (error) {
      return { writes, counted, alreadyCounted, ignored, stoppedAt: { sequenceNumber: chunk.firstSequence, error } };
    }
    if (outcome.applied) {
      writes += 1;
      counted += chunk.changes;
      pending = pending.slice(chunk.changes);
    } else {
      const rest = changesAfter(pending, outcome.checkpoint);
      alreadyCounted += pending.length - rest.length;
      pending = rest;
    }
  }
  return { writes, counted, alreadyCounted, ignored };
}
