import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { delayBucketOf } from '../../domain/bandit';
import { cohortOf } from '../../domain/statistics/cohort-counters';
import type { EventRecord, EventRecordResult, EventStore } from '../../use-cases/ports/event-store';
import { assignmentEntity } from './entities/assignment-entity';
import { eventEntity, type StoredEvent } from './entities/event-entity';
import { PARTITION_KEY } from './table-definition';
import { counterUpdate } from './stats-counters';
import { TTL_ATTRIBUTE } from './table-definition';
import { transactWrite } from './transact';
import { buildUpdate } from './update-expression';

/** Primary key of an event record (its dedupe key). */
export const eventKey = (eventId: string) => eventEntity.key({ eventId });
/** How long an event record is kept (DynamoDB TTL): longer than the longest attribution window (90 days) and any retry. */
export const EVENT_RETENTION_DAYS = 180;
const SECONDS_PER_DAY = 86_400;
const MS_PER_SECOND = 1000;

/** The TTL (epoch seconds) of an event record received at `receivedAt`. */
export function eventExpiry(receivedAt: string): number {
  return Math.floor(Date.parse(receivedAt) / MS_PER_SECOND) + EVENT_RETENTION_DAYS * SECONDS_PER_DAY;
}

/** What an event record keeps: no customer id, no value (see {@link StoredEvent}). */
function storedEvent(record: EventRecord, counted: readonly string[]): StoredEvent {
  const { eventId, type, occurredAt, assignmentId, experimentId, messageId } = record.event;
  return { eventId, type, occurredAt, assignmentId, experimentId, ...(messageId !== undefined ? { messageId } : {}), attribution: record.attribution, counted, receivedAt: record.receivedAt };
}

/** Reason code of a failed condition in a cancelled transaction. */
const CONDITION_FAILED = 'ConditionalCheckFailed';

/**
 * Events in the single table, each kept {@link EVENT_RETENTION_DAYS} days (TTL). One transaction
 * writes the event record (condition: its id is new),
 * marks each reached goal on its decision (condition: no success yet) and adds the success to the
 * decision's cohort counter. A repeated event fails the first condition and changes nothing; a
 * goal already counted is dropped from the transaction, which is tried again without it.
 */
export class DynamoEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(record: EventRecord): Promise<EventRecordResult> {
    let goals = [...record.goals];
    for (;;) {
      const counted = goals.map((goal) => goal.assignment.id);
      const put = {
        Put: {
          TableName: this.tableName,
          Item: { ...eventEntity.item(storedEvent(record, counted), record.event), [TTL_ATTRIBUTE]: eventExpiry(record.receivedAt) },
          ConditionExpression: 'attribute_not_exists(#cpk)',
          ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
        },
      };
      const goalWrites = goals.flatMap(({ assignment, delayMs }) => [
        {
          Update: {
            TableName: this.tableName,
            Key: assignmentEntity.key(assignment),
            ...buildUpdate({
              set: { goalAt: record.event.occurredAt, goalEventId: record.event.eventId },
              condition: { expression: 'attribute_exists(#cpk) AND attribute_not_exists(#cgoalAt)', names: { '#cpk': PARTITION_KEY, '#cgoalAt': 'goalAt' } },
            }),
          },
        },
        counterUpdate(
          this.tableName,
          { experimentId: assignment.experimentId, segment: assignment.segment, arm: assignment.channel ?? 'holdout', step: assignment.step, cohortStart: cohortOf(assignment.sentAt ?? assignment.decidedAt) },
          { successes: 1, delayBucket: delayBucketOf(delayMs), propensity: assignment.propensity, ...(record.event.value !== undefined ? { value: record.event.value } : {}) },
        ),
      ]);
      const outcome = await transactWrite(this.client, [put, ...goalWrites]);
      if (outcome.written) return { status: 'recorded', counted };
      if (outcome.reasons[0] === CONDITION_FAILED) return { status: 'duplicate' };
      const alreadyCounted = new Set(goals.filter((_, index) => outcome.reasons[1 + index * 2] === CONDITION_FAILED).map((goal) => goal.assignment.id));
      if (alreadyCounted.size === 0) throw new Error(`event ${record.event.eventId} could not be recorded: ${outcome.reasons.join(', ')}`);
      goals = goals.filter((goal) => !alreadyCounted.has(goal.assignment.id));
    }
  }
}
