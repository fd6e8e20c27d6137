import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Assignment, PendingOutcome } from '../../domain/sends/assignment';
import type { AssignmentRepository, ClaimResult, SentTimers, StatusTransition } from '../../use-cases/ports/assignment-repository';
import type { PendingAssignment, PendingAssignments } from '../../use-cases/ports/pending-assignments';
import { conflictItem } from './conflict-item';
import {
  assignmentEntity,
  assignmentIdOf,
  CUSTOMER_ASSIGNMENT_PREFIX,
  DEFERRED_PARTITION,
  messageKeys,
  messagePartition,
  PENDING_SHARDS,
  pendingKeys,
  pendingPartition,
  statusAttributes,
} from './entities/assignment-entity';
import { customerPartition } from './entities/customer-entities';
import { counterUpdate } from './stats-counters';
import { transactWrite } from './transact';
import { timerPut } from './timers';
import { queryAll } from './query-all';
import { cohortOf, HOLDOUT_ARM } from '../../domain/statistics/cohort-counters';
import { GSI3, GSI4, PARTITION_KEY, UNCAPPED_ATTRIBUTE } from './table-definition';
import { SEND_COUNTED_BY, STREAM_COUNTED } from '../../domain/statistics/stream-counts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** What an erased decision's failure reason becomes (it may have quoted an address). */
export const ERASED_FAILURE_REASON = 'reason erased with the customer';
import { buildUpdate } from './update-expression';

export { PENDING_SHARDS };

/** Attribute holding a dispatch outcome noted for the redelivery (see `PendingOutcome`). */
const PENDING_OUTCOME = 'pendingOutcome';
/** Keys DynamoDB accepts in one `BatchGetItem`. */
const BATCH_READ_KEYS = 100;
/** Rounds of a batch read that DynamoDB answers only in part (unprocessed keys are asked again). */
const BATCH_READ_ROUNDS = 5;

/** Condition of a write that creates an assignment: no item with its key yet. */
const IS_NEW = { expression: 'attribute_not_exists(#cpk)', names: { '#cpk': PARTITION_KEY } };

/** Whether a transition is the release of a deferred decision (deferred → queued, from nothing else). */
function isRelease(transition: StatusTransition): boolean {
  return transition.to === 'queued' && transition.from.length > 0 && transition.from.every((status) => status === 'deferred');
}

/** Assignments (decisions) in the single table; status changes are conditional on the status read. */
export class DynamoAssignmentRepository implements AssignmentRepository, PendingAssignments {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Assignment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: assignmentEntity.key({ id }), ConsistentRead: true }));
    return Item ? assignmentEntity.parse(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Assignment[]> {
    const unique = [...new Set(ids)];
    const chunks = Array.from({ length: Math.ceil(unique.length / BATCH_READ_KEYS) }, (_, index) => unique.slice(index * BATCH_READ_KEYS, (index + 1) * BATCH_READ_KEYS));
    return (await Promise.all(chunks.map((chunk) => this.getBatch(chunk)))).flat();
  }

  /** At most {@link BATCH_READ_KEYS} decisions in one batch read (asking again for unprocessed keys). */
  private async getBatch(ids: readonly string[]): Promise<Assignment[]> {
    const found: Assignment[] = [];
    let keys: Record<string, unknown>[] = ids.map((id) => assignmentEntity.key({ id }));
    for (let round = 0; keys.length > 0; round += 1) {
      if (round >= BATCH_READ_ROUNDS) throw new Error(`assignments ${ids.join(', ')} could not all be read (${keys.length} keys left unprocessed)`);
      const page = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
      found.push(...(page.Responses?.[this.tableName] ?? []).map((item) => assignmentEntity.parse(item)));
      keys = (page.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    return found;
  }

  async createIfAbsent(assignment: Assignment): Promise<'created' | Assignment> {
    const put = {
      TableName: this.tableName,
      Item: assignmentEntity.item(assignment, assignment),
      ConditionExpression: IS_NEW.expression,
      ExpressionAttributeNames: IS_NEW.names,
      // A repeated decision learns what is there from the refused write itself (no second read).
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    if (assignment.status !== 'holdout') {
      try {
        await this.client.send(new PutCommand(put));
        return 'created';
      } catch (error) {
        const existing = conflictItem(error);
        if (existing === undefined) throw error;
        if (existing === null) throw new Error(`assignment ${assignment.id} was neither written nor found`);
        return assignmentEntity.parse(existing);
      }
    }
    // A held-out decision is final at once: it counts in the holdout's counter in the same write.
    const holdoutCounter = counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: HOLDOUT_ARM, step: assignment.step, cohortStart: cohortOf(assignment.decidedAt) }, { sends: 1, propensity: assignment.propensity });
    const outcome = await transactWrite(this.client, [{ Put: put }, holdoutCounter]);
    if (outcome.written) return 'created';
    const existing = outcome.items[0];
    if (!existing) throw new Error(`assignment ${assignment.id} was neither written nor found (${outcome.reasons.join(', ')})`);
    return assignmentEntity.parse(existing);
  }

  async claim(id: string, at: string): Promise<ClaimResult> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentEntity.key({ id }),
          ...buildUpdate({
            set: { ...statusAttributes('sending'), statusChangedAt: at },
            add: { attempts: 1 },
            condition: { expression: 'attribute_exists(#cpk) AND #cstatus = :cqueued', names: { '#cpk': PARTITION_KEY, '#cstatus': 'status' }, values: { ':cqueued': 'queued' } },
          }),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (!Attributes) throw new Error(`claim of assignment ${id} returned nothing`);
      return { claimed: true, assignment: assignmentEntity.parse(Attributes) };
    } catch (error) {
      const current = conflictItem(error);
      if (current === undefined) throw error;
      return { claimed: false, ...(current ? { current: assignmentEntity.parse(current) } : {}) };
    }
  }

  async markSent(assignment: Assignment, messageId: string, sentAt: string, timers: SentTimers = {}): Promise<boolean> {
    if (assignment.channel === null) throw new Error('a holdout decision is never sent');
    // The send is counted from the table's stream (`sentAt` appears with the marker): the status
    // write needs no counter beside it, and is a single write unless a follow-up timer must exist
    // exactly when the message was sent.
    const update = {
      TableName: this.tableName,
      Key: assignmentEntity.key(assignment),
      ...buildUpdate({
        set: { ...statusAttributes('sent'), messageId, sentAt, ...messageKeys(messageId), [SEND_COUNTED_BY]: STREAM_COUNTED },
        remove: [PENDING_OUTCOME],
        condition: { expression: '#cstatus = :csending', names: { '#cstatus': 'status' }, values: { ':csending': 'sending' } },
      }),
    };
    const written = timers.followUpAt
      ? (await transactWrite(this.client, [{ Update: update }, timerPut(this.tableName, 'FOLLOWUP', { assignmentId: assignment.id, experimentId: assignment.experimentId, dueAt: timers.followUpAt })])).written
      : await this.conditionalUpdate(update);
    // The delivery watch only feeds reconciliation's report (it counts watches whose decision is
    // still `sent`), so it needs no atomicity with the send: a plain put after it costs 1 WRU where
    // a transaction item costs 2. If it fails, the error reaches SQS, whose redelivery finds `sent`.
    if (written && timers.deliveryWatchAt) {
      await this.client.send(new PutCommand(timerPut(this.tableName, 'DELIVERYWATCH', { assignmentId: assignment.id, experimentId: assignment.experimentId, dueAt: timers.deliveryWatchAt }).Put));
    }
    return written;
  }

  /** An update whose condition may fail: true when written, false when the condition failed. */
  private async conditionalUpdate(update: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand(update));
      return true;
    } catch (error) {
      if (conflictItem(error) !== undefined) return false;
      throw error;
    }
  }

  async markUndelivered(assignment: Assignment, reason: string): Promise<boolean> {
    if (assignment.channel === null || assignment.sentAt === undefined) return false;
    const outcome = await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: assignmentEntity.key(assignment),
          ...buildUpdate({
            set: { ...statusAttributes('failed'), failureReason: reason },
            condition: { expression: '#cstatus IN (:csent, :cdelivered)', names: { '#cstatus': 'status' }, values: { ':csent': 'sent', ':cdelivered': 'delivered' } },
          }),
        },
      },
      counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel, step: assignment.step, cohortStart: cohortOf(assignment.sentAt) }, { sends: -1, propensity: assignment.propensity, failures: 1 }),
    ]);
    return outcome.written;
  }

  async markFailed(assignment: Assignment, reason: string, failedAt: string): Promise<boolean> {
    if (assignment.channel === null) return false;
    const outcome = await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: assignmentEntity.key(assignment),
          ...buildUpdate({
            set: { ...statusAttributes('failed'), failureReason: reason, statusChangedAt: failedAt },
            remove: [GSI4.partitionKey, GSI4.sortKey, PENDING_OUTCOME],
            condition: { expression: '#cstatus = :csending', names: { '#cstatus': 'status' }, values: { ':csending': 'sending' } },
          }),
        },
      },
      counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel, step: assignment.step, cohortStart: cohortOf(assignment.decidedAt) }, { failures: 1 }),
    ]);
    return outcome.written;
  }

  async noteOutcome(id: string, outcome: PendingOutcome): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentEntity.key({ id }),
          ...buildUpdate({
            // In the pending index too: if the redeliveries run out, reconciliation enqueues it.
            set: { [PENDING_OUTCOME]: outcome, ...pendingKeys(id) },
            condition: { expression: '#cstatus = :csending AND #cattempts = :cattempt', names: { '#cstatus': 'status', '#cattempts': 'attempts' }, values: { ':csending': 'sending', ':cattempt': outcome.attempt } },
          }),
        }),
      );
      return true;
    } catch (error) {
      if (conflictItem(error) !== undefined) return false;
      throw error;
    }
  }

  async findByMessageId(messageId: string): Promise<Assignment | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI4.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI4.partitionKey },
        ExpressionAttributeValues: { ':pk': messagePartition(messageId) },
        Limit: 1,
      }),
    );
    const found = Items[0];
    // The index holds keys only (and is eventually consistent): the decision is read strongly.
    return found ? this.get(assignmentIdOf(found)) : undefined;
  }

  async transition(transition: StatusTransition): Promise<boolean> {
    // GSI4 follows the status: PENDING when back to queued from sending (a retry) or claimed;
    // none once released from deferred (the release's write is the stream record the dispatch
    // outbox enqueues, so it only drops its DEFERRED key), failed or cancelled (sent and delivered
    // keep their MSG# key, deferred its DEFERRED key until released).
    const release = isRelease(transition);
    const pending = (transition.to === 'queued' && !release) || transition.to === 'sending';
    const dropIndex = release || transition.to === 'failed' || transition.to === 'cancelled';
    const update = buildUpdate({
      set: { ...statusAttributes(transition.to), ...transition.set, ...(pending ? pendingKeys(transition.id) : {}) },
      // Leaving `sending` settles any outcome noted on the claim.
      remove: [...(dropIndex ? [GSI4.partitionKey, GSI4.sortKey] : []), ...(transition.to === 'sending' ? [] : [PENDING_OUTCOME])],
      condition: {
        expression: `attribute_exists(#cpk) AND #cstatus IN (${transition.from.map((_, index) => `:cfrom${index}`).join(', ')})`,
        names: { '#cpk': PARTITION_KEY, '#cstatus': 'status' },
        values: Object.fromEntries(transition.from.map((status, index) => [`:cfrom${index}`, status])),
      },
    });
    try {
      await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: assignmentEntity.key(transition), ...update }));
      return true;
    } catch (error) {
      if (conflictItem(error) !== undefined) return false;
      throw error;
    }
  }

  async listPending(): Promise<readonly PendingAssignment[]> {
    const pages = await Promise.all(
      Array.from({ length: PENDING_SHARDS }, (_, shard) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: GSI4.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI4.partitionKey },
          ExpressionAttributeValues: { ':pk': pendingPartition(shard) },
        }),
      ),
    );
    // The index holds keys only: the decisions are read (strongly) to learn their status.
    const assignments = await this.getMany(pages.flat().map(assignmentIdOf));
    return assignments.flatMap((assignment) =>
      assignment.status === 'queued' || assignment.status === 'sending'
        ? [{ id: assignment.id, experimentId: assignment.experimentId, status: assignment.status, since: assignment.statusChangedAt ?? assignment.sendAt ?? assignment.decidedAt, ...(assignment.pendingOutcome ? { outcomeNoted: true } : {}) }]
        : [],
    );
  }

  async markPending(ids: readonly string[]): Promise<void> {
    // One conditional write each (a decision in another status fails the condition and is left alone).
    await Promise.all(
      [...new Set(ids)].map((id) =>
        this.conditionalUpdate({
          TableName: this.tableName,
          Key: assignmentEntity.key({ id }),
          ...buildUpdate({ set: pendingKeys(id), condition: { expression: '#cstatus IN (:cqueued, :csending)', names: { '#cstatus': 'status' }, values: { ':cqueued': 'queued', ':csending': 'sending' } } }),
        }),
      ),
    );
  }

  async countRecentSends(customerId: string, since: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI3.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk >= :since',
          // Decisions that left the cap carry the projected marker (see `statusAttributes`).
          FilterExpression: 'attribute_not_exists(#uncapped)',
          ExpressionAttributeNames: { '#pk': GSI3.partitionKey, '#sk': GSI3.sortKey, '#uncapped': UNCAPPED_ATTRIBUTE },
          ExpressionAttributeValues: { ':pk': customerPartition(customerId), ':since': `${CUSTOMER_ASSIGNMENT_PREFIX}${since}` },
          Select: 'COUNT',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async dueDeferred(now: string, limit: number): Promise<readonly Assignment[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI4.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': GSI4.partitionKey, '#sk': GSI4.sortKey },
        ExpressionAttributeValues: { ':pk': DEFERRED_PARTITION, ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return this.inIndexOrder(Items);
  }

  async listForCustomer(customerId: string): Promise<readonly Assignment[]> {
    const entries = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: GSI3.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': GSI3.partitionKey, '#sk': GSI3.sortKey },
      ExpressionAttributeValues: { ':pk': customerPartition(customerId), ':prefix': CUSTOMER_ASSIGNMENT_PREFIX },
      ScanIndexForward: false,
    });
    return this.inIndexOrder(entries);
  }

  /** The decisions that keys-only index entries point to, read strongly, in the entries' order. */
  private async inIndexOrder(entries: readonly Record<string, unknown>[]): Promise<Assignment[]> {
    const ids = entries.map(assignmentIdOf);
    const byId = new Map((await this.getMany(ids)).map((assignment) => [assignment.id, assignment]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async eraseContact(id: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: assignmentEntity.key({ id }),
        // A noted outcome's reason may quote an address too.
        ...buildUpdate({ set: { contact: {}, variables: {} }, remove: [PENDING_OUTCOME], condition: { expression: 'attribute_exists(#cpk)', names: { '#cpk': PARTITION_KEY } } }),
      }),
    );
    // A failure reason may quote an address: it is replaced (a failed decision keeps having a reason).
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentEntity.key({ id }),
          ...buildUpdate({ set: { failureReason: ERASED_FAILURE_REASON }, condition: { expression: 'attribute_exists(#reason)', names: { '#reason': 'failureReason' } } }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // no reason to erase
    }
  }
}
