import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ChannelSchema } from '../../../domain/experiment/channels';
import { POLICY_TYPES } from '../../../domain/experiment/policy';
import { ASSIGNMENT_STATUSES, type Assignment } from '../../../domain/sends/assignment';
import { defineEntity, type IndexKeys } from './define-entity';
import { customerPartition } from './customer-entities';
import { opaque, StoredInstant } from './stored-values';

/** Shards of the pending index (assignments in `queued` or `sending` stay there for seconds). */
export const PENDING_SHARDS = 40;
/** GSI2 partition of deferred assignments. */
export const DEFERRED_PARTITION = 'DEFERRED';
/** GSI2 partition of one shard of the pending index. */
export const pendingPartition = (shard: number) => `PENDING#${shard}`;
/** GSI2 partition of an assignment by provider message id. */
export const messagePartition = (messageId: string) => `MSG#${messageId}`;
/** GSI2 sort key of an assignment found by provider message id. */
export const MESSAGE_SORT_KEY = 'MSG';
/** GSI1 sort-key prefix of a customer's assignments. */
export const CUSTOMER_ASSIGNMENT_PREFIX = 'ASSIGN#';

/** GSI2 keys of an assignment waiting in `queued` or `sending` (sharded by id). */
export function pendingKeys(id: string): Required<Pick<IndexKeys, 'gsi2pk' | 'gsi2sk'>> {
  const shard = createHash('sha256').update(id).digest().readUInt32BE(0) % PENDING_SHARDS;
  return { gsi2pk: pendingPartition(shard), gsi2sk: id };
}

/** GSI2 keys of a deferred assignment, due at `sendAt`. */
export const deferredKeys = (sendAt: string, id: string) => ({ gsi2pk: DEFERRED_PARTITION, gsi2sk: `${sendAt}#${id}` });

/** GSI2 keys of a sent assignment, found by its provider message id. */
export const messageKeys = (messageId: string) => ({ gsi2pk: messagePartition(messageId), gsi2sk: MESSAGE_SORT_KEY });

/** GSI1 sort key of a customer's assignment: decision time then id. */
export const customerAssignmentSort = (decidedAt: string, id: string) => `${CUSTOMER_ASSIGNMENT_PREFIX}${decidedAt}#${id}`;

/** GSI2 keys an assignment has in its status (none once failed, cancelled or held out). */
function statusKeys(assignment: Assignment): IndexKeys {
  if (assignment.status === 'deferred' && assignment.sendAt) return deferredKeys(assignment.sendAt, assignment.id);
  if (assignment.status === 'queued' || assignment.status === 'sending') return pendingKeys(assignment.id);
  if ((assignment.status === 'sent' || assignment.status === 'delivered') && assignment.messageId) return messageKeys(assignment.messageId);
  return {};
}

/** Decisions: one item each, listed per customer (GSI1); GSI2 follows the status. */
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
  key: ({ id }) => ({ pk: `ASSIGN#${id}`, sk: 'META' }),
  indexes: (assignment) => ({
    gsi1pk: customerPartition(assignment.customerId),
    gsi1sk: customerAssignmentSort(assignment.decidedAt, assignment.id),
    ...statusKeys(assignment),
  }),
  layout: {
    pk: '`ASSIGN#<id>`',
    sk: '`META`',
    gsi1: '`CUST#<customer>` / `ASSIGN#<decided>#<id>`',
    gsi2: '`PENDING#<0..39>` / `<id>` while queued/sending, `DEFERRED` / `<sendAt>#<id>` while deferred, `MSG#<messageId>` / `MSG` once sent',
  },
});
