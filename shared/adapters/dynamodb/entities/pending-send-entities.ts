import * as z from 'zod';
import { EXIT_REASONS, type ExitReason, type PendingSend, PendingSendSchema } from '../../../domain/triggers/pending-send';
import type { CustomerEventRecord, PendingSendTimer } from '../../../use-cases/ports/pending-sends';
import { customerPartition } from './customer-entities';
import { defineEntity } from './define-entity';
import { StoredInstant } from './stored-values';
import { timerPartition, timerShardOf } from './timer-entity';

/** Sort-key prefix of a customer's pending sends (after `PROFILE`, so the profile query never reads them). */
export const PENDING_SEND_PREFIX = 'TRIGGERED#';

/** Pending triggered sends: one per (experiment, triggering event), under the customer (their `GET` is one query). */
export const pendingSendEntity = defineEntity<PendingSend, { readonly customerId: string; readonly id: string }>({
  name: 'pending_send',
  summary: 'pending triggered send',
  schema: PendingSendSchema,
  key: ({ customerId, id }) => ({ pk: customerPartition(customerId), sk: `${PENDING_SEND_PREFIX}${id}` }),
  layout: { pk: '`CUST#<customer>`', sk: '`TRIGGERED#<id>`' },
});

/** Timers of pending sends: due-time ordered, sharded by pending send like the other timers (no hot key). */
export const pendingTimerEntity = defineEntity<PendingSendTimer, { readonly pendingSendId: string; readonly dueAt: string }>({
  name: 'trigger_timer',
  summary: 'triggered send timer',
  schema: z.object({ pendingSendId: z.string(), experimentId: z.string(), customerId: z.string(), dueAt: StoredInstant }),
  key: ({ pendingSendId, dueAt }) => ({ pk: timerPartition('TRIGGER', timerShardOf(pendingSendId)), sk: `${dueAt}#${pendingSendId}` }),
  layout: { pk: '`TRIGGER#<shard>`', sk: '`<dueAt>#<pending>`' },
});

/** Shards of an experiment's trigger counters: a burst of 10,000 triggers/s writes 10,000 / 20 = 500/s per item. */
export const TRIGGER_COUNTER_SHARDS = 20;

/** Attribute counting the exits of one reason. */
export const exitedAttribute = (reason: ExitReason) => `exited_${reason}`;

/** One shard of an experiment's trigger counts, as stored. */
export interface TriggerCounterShard {
  /** Pending sends created. */
  readonly triggered: number;
  /** Fired into a decision. */
  readonly sent: number;
  /** Fired without a decision (no channel). */
  readonly suppressed: number;
  /** Exits per reason. */
  readonly exited: Readonly<Partial<Record<ExitReason, number>>>;
}

const count = z.number().default(0);

/** Trigger counters of an experiment, sharded (added to in the same transaction as each status change). */
export const triggerCounterEntity = defineEntity<TriggerCounterShard, { readonly experimentId: string; readonly shard: number }>({
  name: 'trigger_counter',
  summary: 'trigger counts (sharded)',
  schema: z
    .object({ triggered: count, sent: count, suppressed: count, ...Object.fromEntries(EXIT_REASONS.map((reason) => [exitedAttribute(reason), count])) })
    .transform((item) => {
      const record = item as Record<string, number>;
      return {
        triggered: item.triggered,
        sent: item.sent,
        suppressed: item.suppressed,
        exited: Object.fromEntries(EXIT_REASONS.filter((reason) => (record[exitedAttribute(reason)] ?? 0) > 0).map((reason) => [reason, record[exitedAttribute(reason)] ?? 0])),
      };
    }),
  key: ({ experimentId, shard }) => ({ pk: `TRIGGERS#${experimentId}#${shard}`, sk: 'COUNTS' }),
  layout: { pk: '`TRIGGERS#<experiment>#<shard>`', sk: '`COUNTS`' },
});

/** Customer events: one item per event id, written once (the dedupe record). */
export const customerEventEntity = defineEntity<CustomerEventRecord, { readonly eventId: string }>({
  name: 'customer_event',
  summary: 'customer event (dedupe record)',
  schema: z.object({ eventId: z.string(), name: z.string(), customerId: z.string(), occurredAt: StoredInstant, receivedAt: StoredInstant, triggered: z.array(z.string()), exited: z.number() }),
  key: ({ eventId }) => ({ pk: `CEVENT#${eventId}`, sk: 'META' }),
  layout: { pk: '`CEVENT#<eventId>`', sk: '`META`' },
});
