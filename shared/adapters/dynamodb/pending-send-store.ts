import { BatchGetCommand, DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ExitReason, EMPTY_TRIGGER_COUNTS, type PendingSend, type TriggerCounts } from '../../domain/triggers/pending-send';
import type { CustomerEventRecord, PendingSendClaim, PendingSendStore, PendingSendTimer } from '../../use-cases/ports/pending-sends';
import { conflictItem } from './conflict-item';
import { customerPartition } from './entities/customer-entities';
import { customerEventEntity, exitedAttribute, PENDING_SEND_PREFIX, pendingSendEntity, pendingTimerEntity, TRIGGER_COUNTER_SHARDS, triggerCounterEntity } from './entities/pending-send-entities';
import { dueTimers } from './timers';
import { eventExpiry } from './event-store';
import { queryAll } from './query-all';
import { PARTITION_KEY, TTL_ATTRIBUTE } from './table-definition';
import { transactWrite } from './transact';
import { buildUpdate } from './update-expression';

/** How long a `firing` claim holds: a run that died after claiming is retried by a later run after this. */
export const FIRING_LEASE_MS = 5 * 60_000;
/** Reason code of a failed condition in a cancelled transaction. */
const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * Pending triggered sends in the single table: the send under its customer (`CUST#<id>`,
 * `TRIGGERED#<pending>`), its due-time timer in one of the timer partitions (read by {@link dueTimers}), and
 * the experiment's trigger counts in {@link TRIGGER_COUNTER_SHARDS} counter items (shard drawn per
 * write). Every status change is conditional on the current status and counted in the same
 * transaction, so a retried write never counts twice. A pending send expires (TTL) 180 days after
 * it was due, like event records.
 */
export class DynamoPendingSendStore implements PendingSendStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly random: () => number = Math.random,
  ) {}

  private counterAdd(experimentId: string, add: Record<string, number>) {
    const shard = Math.floor(this.random() * TRIGGER_COUNTER_SHARDS);
    return { Update: { TableName: this.tableName, Key: triggerCounterEntity.key({ experimentId, shard }), ...buildUpdate({ set: { entity: triggerCounterEntity.name }, add }) } };
  }

  async createIfAbsent(pending: PendingSend): Promise<'created' | PendingSend> {
    const timer: PendingSendTimer = { pendingSendId: pending.id, experimentId: pending.experimentId, customerId: pending.customerId, dueAt: pending.dueAt };
    const outcome = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.tableName,
          // Kept (DynamoDB TTL) 180 days after it was due: a customer's list, read by every exit event, stays bounded.
          Item: { ...pendingSendEntity.item(pending, pending), [TTL_ATTRIBUTE]: eventExpiry(pending.dueAt) },
          ConditionExpression: 'attribute_not_exists(#cpk)',
          ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.tableName, Item: pendingTimerEntity.item(timer, timer) } },
      this.counterAdd(pending.experimentId, { triggered: 1 }),
    ]);
    if (outcome.written) return 'created';
    const existing = outcome.items[0];
    if (outcome.reasons[0] === CONDITION_FAILED && existing) return pendingSendEntity.parse(existing);
    throw new Error(`pending send ${pending.id} could not be stored: ${outcome.reasons.join(', ')}`);
  }

  async get(customerId: string, id: string): Promise<PendingSend | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: pendingSendEntity.key({ customerId, id }), ConsistentRead: true }));
    return Item ? pendingSendEntity.parse(Item) : undefined;
  }

  async listForCustomer(customerId: string): Promise<readonly PendingSend[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': customerPartition(customerId), ':prefix': PENDING_SEND_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => pendingSendEntity.parse(item)).sort((a, b) => (a.dueAt < b.dueAt ? 1 : a.dueAt > b.dueAt ? -1 : 0));
  }

  async claim(customerId: string, id: string, at: string): Promise<PendingSendClaim> {
    const stale = new Date(Date.parse(at) - FIRING_LEASE_MS).toISOString();
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pendingSendEntity.key({ customerId, id }),
          ...buildUpdate({
            set: { status: 'firing', updatedAt: at },
            condition: {
              expression: 'attribute_exists(#cpk) AND (#cstatus = :cwaiting OR (#cstatus = :cfiring AND #cupdated < :cstale))',
              names: { '#cpk': PARTITION_KEY, '#cstatus': 'status', '#cupdated': 'updatedAt' },
              values: { ':cwaiting': 'waiting', ':cfiring': 'firing', ':cstale': stale },
            },
          }),
          ReturnValues: 'ALL_NEW',
          // A refused claim answers with what it found: the caller needs no second read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (!Attributes) throw new Error(`pending send ${id}: the claim was written but nothing came back`);
      return { claimed: true, pending: pendingSendEntity.parse(Attributes) };
    } catch (error) {
      const current = conflictItem(error);
      if (current === undefined) throw error;
      return current === null ? { claimed: false } : { claimed: false, current: pendingSendEntity.parse(current) };
    }
  }

  private async conditionalChange(pending: PendingSend, from: string, set: Record<string, unknown>, add: Record<string, number>): Promise<boolean> {
    const outcome = await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: pendingSendEntity.key(pending),
          ...buildUpdate({ set, condition: { expression: '#cstatus = :cfrom', names: { '#cstatus': 'status' }, values: { ':cfrom': from } } }),
        },
      },
      this.counterAdd(pending.experimentId, add),
    ]);
    if (outcome.written) return true;
    if (outcome.reasons[0] === CONDITION_FAILED) return false;
    throw new Error(`pending send ${pending.id} could not change: ${outcome.reasons.join(', ')}`);
  }

  async finish(pending: PendingSend, outcome: { readonly status: 'sent'; readonly assignmentId: string } | { readonly status: 'suppressed'; readonly reason: string }, at: string): Promise<boolean> {
    const set = outcome.status === 'sent' ? { status: 'sent', assignmentId: outcome.assignmentId, updatedAt: at } : { status: 'suppressed', suppressedReason: outcome.reason, updatedAt: at };
    return this.conditionalChange(pending, 'firing', set, { [outcome.status]: 1 });
  }

  async exit(pending: PendingSend, exit: { readonly reason: ExitReason; readonly at: string; readonly from: 'waiting' | 'firing'; readonly exitEventId?: string }): Promise<boolean> {
    return this.conditionalChange(pending, exit.from, { status: 'exited', exitReason: exit.reason, exitEventId: exit.exitEventId, updatedAt: exit.at }, { [exitedAttribute(exit.reason)]: 1 });
  }

  async remove(pending: PendingSend): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: pendingSendEntity.key(pending) }));
  }

  async due(now: string, limit: number): Promise<readonly PendingSendTimer[]> {
    return dueTimers(this.client, this.tableName, 'TRIGGER', now, limit, (item) => pendingTimerEntity.parse(item));
  }

  async removeTimer(timer: PendingSendTimer): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: pendingTimerEntity.key(timer) }));
  }

  async recordEvent(record: CustomerEventRecord): Promise<'recorded' | 'duplicate'> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...customerEventEntity.item(record, record), [TTL_ATTRIBUTE]: eventExpiry(record.receivedAt) },
          ConditionExpression: 'attribute_not_exists(#cpk)',
          ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
        }),
      );
      return 'recorded';
    } catch (error) {
      if (conflictItem(error) !== undefined) return 'duplicate';
      throw error;
    }
  }

  async counts(experimentId: string): Promise<TriggerCounts> {
    const keys = Array.from({ length: TRIGGER_COUNTER_SHARDS }, (_, shard) => triggerCounterEntity.key({ experimentId, shard }));
    const { Responses } = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
    const shards = (Responses?.[this.tableName] ?? []).map((item) => triggerCounterEntity.parse(item));
    const totals = { ...EMPTY_TRIGGER_COUNTS, exited: { total: 0, byReason: {} as Record<string, number> } };
    for (const shard of shards) {
      totals.triggered += shard.triggered;
      totals.sent += shard.sent;
      totals.suppressed += shard.suppressed;
      for (const [reason, value] of Object.entries(shard.exited)) {
        totals.exited.byReason[reason] = (totals.exited.byReason[reason] ?? 0) + value;
        totals.exited.total += value;
      }
    }
    return { ...totals, waiting: Math.max(0, totals.triggered - totals.sent - totals.suppressed - totals.exited.total) };
  }
}
