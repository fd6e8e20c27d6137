import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ChannelSchema } from '../../../domain/experiment/channels';
import { POLICY_TYPES } from '../../../domain/experiment/policy';
import { ASSIGNMENT_STATUSES, type Assignment, type AssignmentStatus, CAPPED_STATUSES } from '../../../domain/sends/assignment';
import { defineEntity, type IndexKeys } from './define-entity';
import { customerPartition } from './customer-entities';
import { opaque, StoredInstant } from './stored-values';

/** Partition-key prefix of a decision (`ASSIGN#<id>`). */
const ASSIGNMENT_KEY_PREFIX = 'ASSIGN#';

/** Shards of the pending index (only decisions put there on a rare path: see `markPending`). */
export const PENDING_SHARDS = 40;
/** GSI2 partition of deferred assignments. */
export const DEFERRED_PARTITION = 'DEFERRED';
/** GSI2 partition of one shard of the pending index. */
export const pendingPartition = (shard: number) => `PENDING#${shard}`;
/** GSI2 partition of an assignment by provider message id. */
export const messagePartition = (messageId: string) => `MSG#${messageId}`;
/** GSI2 sort key of an assignment found by provider message id. */
export const MESSAGE_SORT_KEY = 'MSG';
/** GSI3 sort-key prefix of a customer's assignments. */
export const CUSTOMER_ASSIGNMENT_PREFIX = 'ASSIGN#';

/**
 * GSI4 keys of an assignment in `queued` or `sending` that reconciliation must watch (sharded by
 * id): set only on a rare path (its enqueue failed, its outcome write failed, a redelivery found
 * it `sending`, a release back to `queued`), never by the decision's own put.
 */
export function pendingKeys(id: string): Required<Pick<IndexKeys, 'gsi4pk' | 'gsi4sk'>> {
  const shard = createHash('sha256').update(id).digest().readUInt32BE(0) % PENDING_SHARDS;
  return { gsi4pk: pendingPartition(shard), gsi4sk: id };
}

/** GSI4 keys of a deferred assignment, due at `sendAt`. */
export const deferredKeys = (sendAt: string, id: string) => ({ gsi4pk: DEFERRED_PARTITION, gsi4sk: `${sendAt}#${id}` });

/** GSI4 keys of a sent assignment, found by its provider message id. */
export const messageKeys = (messageId: string) => ({ gsi4pk: messagePartition(messageId), gsi4sk: MESSAGE_SORT_KEY });

/** GSI3 sort key of a customer's assignment: decision time then id. */
export const customerAssignmentSort = (decidedAt: string, id: string) => `${CUSTOMER_ASSIGNMENT_PREFIX}${decidedAt}#${id}`;

/** The id of the decision an index entry (keys only) points to, from its table partition key. */
export function assignmentIdOf(entry: Record<string, unknown>): string {
  const pk = entry.pk;
  if (typeof pk !== 'string' || !pk.startsWith(ASSIGNMENT_KEY_PREFIX)) throw new Error(`index entry ${JSON.stringify(pk)} is not a decision's`);
  return pk.slice(ASSIGNMENT_KEY_PREFIX.length);
}

/** Whether a decision in `status` counts against the customer's frequency cap. */
export const isCapped = (status: AssignmentStatus): boolean => CAPPED_STATUSES.includes(status);

/**
 * The attributes a status write sets: the status, and the `uncapped` marker (projected into GSI3)
 * when the decision stops counting against the frequency cap. No status leads back into the cap
 * (`failed`, `cancelled`, `bounced` and `holdout` are final), so the marker is never removed.
 */
export function statusAttributes(status: AssignmentStatus): { readonly status: AssignmentStatus; readonly uncapped?: true } {
  return isCapped(status) ? { status } : { status, uncapped: true };
}

/**
 * GSI4 keys a stored assignment has in its status: `DEFERRED` while deferred, `MSG#` once sent,
 * none otherwise. A `queued` decision is written without one (it is enqueued at once, so the common
 * path writes one gsi4 entry per message, at `sent`); the rare paths put it in `PENDING#`.
 */
function statusKeys(assignment: Assignment): IndexKeys {
  if (assignment.status === 'deferred' && assignment.sendAt) return deferredKeys(assignment.sendAt, assignment.id);
  if ((assignment.status === 'sent' || assignment.status === 'delivered') && assignment.messageId) return messageKeys(assignment.messageId);
  return {};
}

/**
 * Decisions: one item each, listed per customer (GSI3); GSI4 follows the status. Both indexes
 * project (almost) nothing, so the status, goal and delivery writes of a message do not rewrite
 * index entries: only entering or leaving a state (GSI4) and leaving the cap (GSI3) do.
 */
export const assignmentEntity = defineEntity<Assignment, { readonly id: string }>({
  name: 'assignment',
  summary: 'assignment (decision)',
  schema: z.object({
    id: z.string(),
    experimentId: z.string(),
    customerId: z.string(),
    step: z.number().int().min(0),
    parentAssignmentId: z.string().optional(),
    segment: z.string(),
    eligibleChannels: z.array(ChannelSchema),
    excluded: opaque<Assignment['excluded']>('excluded'),
    channel: ChannelSchema.nullable(),
    propensity: z.number(),
    allocationVersion: z.number().int().min(0),
    policy: z.enum(POLICY_TYPES),
    decisionSeed: z.number(),
    status: z.enum(ASSIGNMENT_STATUSES),
    decidedAt: StoredInstant,
    sendAt: StoredInstant.optional(),
    sentAt: StoredInstant.optional(),
    messageId: z.string().optional(),
    failureReason: z.string().optional(),
    variables: z.record(z.string(), z.string()),
    contact: opaque<Assignment['contact']>('contact'),
    idempotencyKey: z.string().optional(),
    goalAt: StoredInstant.optional(),
    goalEventId: z.string().optional(),
    statusChangedAt: StoredInstant.optional(),
    attempts: z.number().int().min(0),
    pendingOutcome: z
      .union([
        z.object({ to: z.literal('sent'), attempt: z.number().int().min(1), messageId: z.string(), at: StoredInstant }),
        z.object({ to: z.enum(['queued', 'failed', 'cancelled']), attempt: z.number().int().min(1), reason: z.string(), at: StoredInstant }),
      ])
      .optional(),
  }),
  key: ({ id }) => ({ pk: `${ASSIGNMENT_KEY_PREFIX}${id}`, sk: 'META' }),
  indexes: (assignment) => ({
    gsi3pk: customerPartition(assignment.customerId),
    gsi3sk: customerAssignmentSort(assignment.decidedAt, assignment.id),
    ...statusKeys(assignment),
    ...(isCapped(assignment.status) ? {} : { uncapped: true as const }),
  }),
  layout: {
    pk: '`ASSIGN#<id>`',
    sk: '`META`',
    gsi3: '`CUST#<customer>` / `ASSIGN#<decided>#<id>` (+ `uncapped`)',
    gsi4: '`DEFERRED` / `<sendAt>#<id>` while deferred, `MSG#<messageId>` / `MSG` once sent, `PENDING#<0..39>` / `<id>` while queued/sending only after a rare path (enqueue failed, outcome noted, found sending, back from sending) (keys only)',
  },
});
