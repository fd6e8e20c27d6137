import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Assignment, CAPPED_STATUSES } from '../../domain/sends/assignment';
import type { AssignmentRepository, PendingAssignment, PendingAssignments, SentTimers, StatusTransition } from '../../use-cases/ports/send-ports';
import { createHash } from 'node:crypto';
import { assignmentKeys } from './keys';
import { counterUpdate } from './stats-counters';
import { transactWrite } from './transact';
import { timerPut } from './timers';
import { queryAll } from './query-all';
import { cohortOf, HOLDOUT_ARM } from '../../domain/statistics/cohort-counters';
import { GSI1, GSI2, PARTITION_KEY } from './table-definition';

/** Entity tag of assignment items. */
const ENTITY = 'assignment';
/** Attributes that are keys or bookkeeping, not part of the domain object. */
const NON_DOMAIN = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity']);

function fromItem(item: Record<string, unknown>): Assignment {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !NON_DOMAIN.has(key))) as unknown as Assignment;
}

function toItem(assignment: Assignment): Record<string, unknown> {
  return {
    ...assignmentKeys.primary(assignment.id),
    gsi1pk: assignmentKeys.customerPartition(assignment.customerId),
    gsi1sk: assignmentKeys.customerSort(assignment.decidedAt, assignment.id),
    ...(assignment.status === 'deferred' && assignment.sendAt
      ? { gsi2pk: assignmentKeys.deferredPartition(), gsi2sk: assignmentKeys.deferredSort(assignment.sendAt, assignment.id) }
      : {}),
    ...(assignment.status === 'queued' ? pendingKeys(assignment.id) : {}),
    entity: ENTITY,
    ...assignment,
  };
}

/** Shards of the pending index (assignments in `queued` or `sending` stay there for seconds). */
export const PENDING_SHARDS = 40;

/** GSI2 keys of an assignment waiting in `queued` or `sending`. */
function pendingKeys(id: string) {
  const shard = createHash('sha256').update(id).digest().readUInt32BE(0) % PENDING_SHARDS;
  return { gsi2pk: `PENDING#${shard}`, gsi2sk: id };
}

/** Assignments (decisions) in the single table; status changes are conditional on the status read. */
export class DynamoAssignmentRepository implements AssignmentRepository, PendingAssignments {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Assignment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: assignmentKeys.primary(id), ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  async createIfAbsent(assignment: Assignment): Promise<'created' | Assignment> {
    const put = {
      Put: {
        TableName: this.tableName,
        Item: toItem(assignment),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY },
      },
    };
    // A held-out decision is final at once: it counts in the holdout's counter in the same write.
    const holdoutCounter =
      assignment.status === 'holdout'
        ? [counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: HOLDOUT_ARM, step: assignment.step, cohortStart: cohortOf(assignment.decidedAt) }, { sends: 1, propensity: assignment.propensity })]
        : [];
    const outcome = await transactWrite(this.client, [put, ...holdoutCounter]);
    if (outcome.written) return 'created';
    const existing = await this.get(assignment.id);
    if (!existing) throw new Error(`assignment ${assignment.id} was neither written nor found (${outcome.reasons.join(', ')})`);
    return existing;
  }

  async markSent(assignment: Assignment, messageId: string, sentAt: string, timers: SentTimers = {}): Promise<boolean> {
    if (assignment.channel === null) throw new Error('a holdout decision is never sent');
    const outcome = await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: assignmentKeys.primary(assignment.id),
          UpdateExpression: 'SET #status = :sent, #messageId = :messageId, #sentAt = :sentAt, #g2pk = :g2pk, #g2sk = :g2sk',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#messageId': 'messageId', '#sentAt': 'sentAt', '#g2pk': GSI2.partitionKey, '#g2sk': GSI2.sortKey },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':messageId': messageId, ':sentAt': sentAt, ':g2pk': assignmentKeys.messagePartition(messageId), ':g2sk': 'MSG' },
        },
      },
      counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel, step: assignment.step, cohortStart: cohortOf(sentAt) }, { sends: 1, propensity: assignment.propensity }),
      ...(timers.followUpAt ? [timerPut(this.tableName, 'FOLLOWUP', { assignmentId: assignment.id, experimentId: assignment.experimentId, dueAt: timers.followUpAt })] : []),
      ...(timers.deliveryWatchAt ? [timerPut(this.tableName, 'DELIVERYWATCH', { assignmentId: assignment.id, experimentId: assignment.experimentId, dueAt: timers.deliveryWatchAt })] : []),
    ]);
    return outcome.written;
  }

  async markUndelivered(assignment: Assignment, reason: string): Promise<boolean> {
    if (assignment.channel === null || assignment.sentAt === undefined) return false;
    const outcome = await transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: assignmentKeys.primary(assignment.id),
          UpdateExpression: 'SET #status = :failed, #reason = :reason',
          ConditionExpression: '#status IN (:sent, :delivered)',
          ExpressionAttributeNames: { '#status': 'status', '#reason': 'failureReason' },
          ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason, ':sent': 'sent', ':delivered': 'delivered' },
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
          Key: assignmentKeys.primary(assignment.id),
          UpdateExpression: 'SET #status = :failed, #reason = :reason, #changed = :at REMOVE #g2pk, #g2sk',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#reason': 'failureReason', '#changed': 'statusChangedAt', '#g2pk': GSI2.partitionKey, '#g2sk': GSI2.sortKey },
          ExpressionAttributeValues: { ':failed': 'failed', ':sending': 'sending', ':reason': reason, ':at': failedAt },
        },
      },
      counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel, step: assignment.step, cohortStart: cohortOf(assignment.decidedAt) }, { failures: 1 }),
    ]);
    return outcome.written;
  }

  async findByMessageId(messageId: string): Promise<Assignment | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI2.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI2.partitionKey },
        ExpressionAttributeValues: { ':pk': assignmentKeys.messagePartition(messageId) },
        Limit: 1,
      }),
    );
    const found = Items[0];
    return found ? this.get(found.id as string) : undefined;
  }

  async transition(transition: StatusTransition): Promise<boolean> {
    // GSI2 follows the status: PENDING while queued or sending, none once failed or cancelled
    // (sent and delivered keep their MSG# key, deferred its DEFERRED key until released).
    const pending = transition.to === 'queued' || transition.to === 'sending';
    const dropIndex = transition.to === 'failed' || transition.to === 'cancelled';
    const all: Record<string, unknown> = { status: transition.to, ...transition.set, ...(pending ? pendingKeys(transition.id) : {}) };
    const names = Object.keys(all);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentKeys.primary(transition.id),
          UpdateExpression: `SET ${names.map((_, index) => `#s${index} = :s${index}`).join(', ')}` + (dropIndex ? ' REMOVE #g2pk, #g2sk' : ''),
          ConditionExpression: `attribute_exists(#pk) AND #status IN (${transition.from.map((_, index) => `:from${index}`).join(', ')})`,
          ExpressionAttributeNames: {
            ...Object.fromEntries(names.map((name, index) => [`#s${index}`, name])),
            '#pk': PARTITION_KEY,
            '#status': 'status',
            ...(dropIndex ? { '#g2pk': GSI2.partitionKey, '#g2sk': GSI2.sortKey } : {}),
          },
          ExpressionAttributeValues: {
            ...Object.fromEntries(names.map((name, index) => [`:s${index}`, all[name]])),
            ...Object.fromEntries(transition.from.map((status, index) => [`:from${index}`, status])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async listPending(): Promise<readonly PendingAssignment[]> {
    const pages = await Promise.all(
      Array.from({ length: PENDING_SHARDS }, (_, shard) =>
        queryAll(this.client, {
          TableName: this.tableName,
          IndexName: GSI2.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': GSI2.partitionKey },
          ExpressionAttributeValues: { ':pk': `PENDING#${shard}` },
        }),
      ),
    );
    return pages.flat().flatMap((item) =>
      item.status === 'queued' || item.status === 'sending'
        ? [{ id: item.id as string, experimentId: item.experimentId as string, status: item.status, since: (item.statusChangedAt ?? item.sendAt ?? item.decidedAt) as string }]
        : [],
    );
  }

  async countRecentSends(customerId: string, since: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk >= :since',
          FilterExpression: `#status IN (${CAPPED_STATUSES.map((_, index) => `:c${index}`).join(', ')})`,
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey, '#status': 'status' },
          ExpressionAttributeValues: {
            ':pk': assignmentKeys.customerPartition(customerId),
            ':since': `ASSIGN#${since}`,
            ...Object.fromEntries(CAPPED_STATUSES.map((status, index) => [`:c${index}`, status])),
          },
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
        IndexName: GSI2.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': GSI2.partitionKey, '#sk': GSI2.sortKey },
        ExpressionAttributeValues: { ':pk': assignmentKeys.deferredPartition(), ':now': `${now}#~` },
        Limit: limit,
      }),
    );
    return Items.map(fromItem);
  }

  async listForCustomer(customerId: string): Promise<readonly Assignment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
      ExpressionAttributeValues: { ':pk': assignmentKeys.customerPartition(customerId), ':prefix': 'ASSIGN#' },
      ScanIndexForward: false,
    });
    return items.map(fromItem);
  }

  async eraseContact(id: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: assignmentKeys.primary(id),
        UpdateExpression: 'SET #contact = :empty, #variables = :empty',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#contact': 'contact', '#variables': 'variables', '#pk': PARTITION_KEY },
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
  }
}
