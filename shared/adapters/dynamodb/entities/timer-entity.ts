import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { FollowUpTimer } from '../../../use-cases/ports/follow-up-timers';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';

/** Shards of a timer partition (written at most once per send: 10,000/s ÷ 20 = 500/s per shard). */
export const TIMER_SHARDS = 20;

/** Kinds of timers: follow-up on silence, the delivery watch of reconciliation, and triggered sends coming due. */
export type TimerKind = 'FOLLOWUP' | 'DELIVERYWATCH' | 'TRIGGER';

/** The shard of an assignment's (or a pending send's) timer (stable, from its id). */
export function timerShardOf(assignmentId: string): number {
  return createHash('sha256').update(assignmentId).digest().readUInt32BE(0) % TIMER_SHARDS;
}

/** Partition of one shard of a kind of timers. */
export const timerPartition = (kind: TimerKind, shard: number) => `${kind}#${shard}`;

/** Timers: due-time ordered, sharded by assignment. */
export const timerEntity = defineEntity<FollowUpTimer, { readonly kind: TimerKind; readonly assignmentId: string; readonly dueAt: string }>({
  name: 'timer',
  summary: 'timer',
  schema: z.object({ assignmentId: z.string(), experimentId: z.string(), dueAt: StoredInstant }),
  key: ({ kind, assignmentId, dueAt }) => ({ pk: timerPartition(kind, timerShardOf(assignmentId)), sk: `${dueAt}#${assignmentId}` }),
  layout: { pk: '`FOLLOWUP#<shard>` / `DELIVERYWATCH#<shard>`', sk: '`<dueAt>#<assignment>`' },
});
