import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Assignment, CAPPED_STATUSES } from '../../domain/sends/assignment';
import type { AssignmentRepository, StatusTransition } from '../../use-cases/ports/send-ports';
import { assignmentKeys } from './keys';
import { counterUpdate } from './stats-counters';
import { transactWrite } from './transact';
import { followUpTimerPut } from './follow-up-timers';
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
    entity: ENTITY,
    ...assignment,
  };
}

/** Assignments (decisions) in the single table; status changes are conditional on the status read. */
export class DynamoAssignmentRepository implements AssignmentRepository {
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

  async markSent(assignment: Assignment, messageId: string, sentAt: string, followUpAt?: string): Promise<boolean> {
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
      ...(followUpAt ? [followUpTimerPut(this.tableName, { assignmentId: assignment.id, experimentId: assignment.experimentId, dueAt: followUpAt })] : []),
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
      counterUpdate(this.tableName, { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel, step: assignment.step, cohortStart: cohortOf(assignment.sentAt) }, { sends: -1, propensity: assignment.propensity }),
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
    const set: Record<string, unknown> = { status: transition.to, ...transition.set };
    const leavesDeferred = transition.to !== 'deferred';
    const messageIndex = transition.set?.messageId ? { gsi2pk: assignmentKeys.messagePartition(transition.set.messageId), gsi2sk: 'MSG' } : {};
    const all: Record<string, unknown> = { ...set, ...messageIndex };
    const allNames = Object.keys(all);
    const removeDeferredIndex = leavesDeferred && !transition.set?.messageId;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentKeys.primary(transition.id),
          UpdateExpression:
            `SET ${allNames.map((_, index) => `#s${index} = :s${index}`).join(', ')}` +
            (removeDeferredIndex ? ' REMOVE #g2pk, #g2sk' : ''),
          ConditionExpression: `attribute_exists(#pk) AND #status IN (${transition.from.map((_, index) => `:from${index}`).join(', ')})`,
          ExpressionAttributeNames: {
            ...Object.fromEntries(allNames.map((name, index) => [`#s${index}`, name])),
            '#pk': PARTITION_KEY,
            '#status': 'status',
            ...(removeDeferredIndex ? { '#g2pk': GSI2.partitionKey, '#g2sk': GSI2.sortKey } : {}),
          },
          ExpressionAttributeValues: {
            ...Object.fromEntries(allNames.map((name, index) => [`:s${index}`, all[name]])),
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
    const items: Assignment[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1.indexName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
          ExpressionAttributeValues: { ':pk': assignmentKeys.customerPartition(customerId), ':prefix': 'ASSIGN#' },
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
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
