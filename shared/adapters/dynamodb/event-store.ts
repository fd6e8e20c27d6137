import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GOAL_COUNTED_BY, GOAL_DELAY_MS, GOAL_VALUE, STREAM_COUNTED } from '../../domain/statistics/stream-counts';
import type { EventRecord, EventRecordResult, EventStore, GoalCandidate } from '../../use-cases/ports/event-store';
import { conflictItem } from './conflict-item';
import { assignmentEntity } from './entities/assignment-entity';
import { eventEntity, type StoredEvent } from './entities/event-entity';
import { PARTITION_KEY } from './table-definition';
import { TTL_ATTRIBUTE } from './table-definition';
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

/** What one try of counting an event's goals did. */
interface GoalOutcome {
  /** Decisions whose success this call wrote. */
  readonly counted: readonly string[];
  /** Decisions another try of the same event had counted already. */
  readonly countedByThisEventBefore: readonly string[];
}

/**
 * Events in the single table, each kept {@link EVENT_RETENTION_DAYS} days (TTL). Two writes, the
 * first the dedupe gate:
 * 1. the event record, a plain conditional put (its id is new), listing the goals it counts;
 * 2. for each goal it reaches, one conditional write of the decision's `goalAt` (condition: no
 *    success yet, so a decision counts one success at most), with the success's delay and value.
 *    The counter aggregator adds it to the decision's cohort counter from the table's stream (see
 *    `stream-counts.ts`), seconds later, once.
 *
 * A repeated event fails the put (1 WRU; the refused put returns the stored record) and is a
 * duplicate, unless the stored record lists goals whose decisions still have no success: then an
 * earlier try stopped between the two writes, and this one finishes it (the goal condition keeps
 * it counted once even when tries overlap). Only the try that wrote a success answers `counted`;
 * the others answer `duplicate`. A counted goal costs 2 WRU (the put and the goal write, which
 * moves no index entry), a duplicate 1 (it was a transaction with the counter: 5 and 1).
 */
export class DynamoEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(record: EventRecord): Promise<EventRecordResult> {
    const intended = record.goals.map((goal) => goal.assignment.id);
    const stored = await this.putRecord(record, intended);
    if (stored !== 'new') {
      // A repeat: finish the goals an earlier try listed and did not count (their decisions still have no success).
      const listed = new Set(stored);
      const unfinished = record.goals.filter((goal) => listed.has(goal.assignment.id));
      if (unfinished.length === 0) return { status: 'duplicate' };
      const outcome = await this.countGoals(record, unfinished);
      return outcome.counted.length > 0 ? { status: 'recorded', counted: outcome.counted } : { status: 'duplicate' };
    }
    if (record.goals.length === 0) return { status: 'recorded', counted: [] };
    const outcome = await this.countGoals(record, record.goals);
    if (outcome.counted.length === 0 && outcome.countedByThisEventBefore.length > 0) return { status: 'duplicate' };
    const lost = intended.filter((id) => !outcome.counted.includes(id) && !outcome.countedByThisEventBefore.includes(id));
    if (lost.length > 0) await this.setCounted(record.event.eventId, intended.filter((id) => !lost.includes(id)));
    return { status: 'recorded', counted: outcome.counted };
  }

  /** Puts the event record once; `'new'`, or the goals the stored record lists when it was there. */
  private async putRecord(record: EventRecord, counted: readonly string[]): Promise<'new' | readonly string[]> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...eventEntity.item(storedEvent(record, counted), record.event), [TTL_ATTRIBUTE]: eventExpiry(record.receivedAt) },
          ConditionExpression: 'attribute_not_exists(#cpk)',
          ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'new';
    } catch (error) {
      const existing = conflictItem(error);
      if (existing === undefined) throw error;
      return existing ? eventEntity.parse(existing).counted : [];
    }
  }

  /** Rewrites the record's list of counted decisions (a goal another event counted first is not this one's). */
  private async setCounted(eventId: string, counted: readonly string[]): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: eventKey(eventId), ...buildUpdate({ set: { counted } }) }));
  }

  /**
   * Marks each goal on its decision: one conditional write per decision (no success yet), carrying
   * what the success adds to its counter (delay, value) and the marker that has the table's stream
   * count it. A decision whose condition fails was counted before, by this event (an earlier try)
   * or by another one.
   */
  private async countGoals(record: EventRecord, candidates: readonly GoalCandidate[]): Promise<GoalOutcome> {
    const outcomes = await Promise.all(candidates.map((goal) => this.markGoal(record, goal)));
    return {
      counted: candidates.filter((_, index) => outcomes[index] === 'counted').map((goal) => goal.assignment.id),
      countedByThisEventBefore: candidates.filter((_, index) => outcomes[index] === 'counted by this event before').map((goal) => goal.assignment.id),
    };
  }

  /** Writes one goal on its decision, unless it has one. */
  private async markGoal(record: EventRecord, { assignment, delayMs }: GoalCandidate): Promise<'counted' | 'counted by this event before' | 'counted by another event'> {
    const { occurredAt, eventId, value } = record.event;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: assignmentEntity.key(assignment),
          ...buildUpdate({
            set: { goalAt: occurredAt, goalEventId: eventId, [GOAL_COUNTED_BY]: STREAM_COUNTED, [GOAL_DELAY_MS]: delayMs, ...(value !== undefined ? { [GOAL_VALUE]: value } : {}) },
            condition: { expression: 'attribute_exists(#cpk) AND attribute_not_exists(#cgoalAt)', names: { '#cpk': PARTITION_KEY, '#cgoalAt': 'goalAt' } },
          }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'counted';
    } catch (error) {
      const existing = conflictItem(error);
      if (existing === undefined) throw error;
      return existing?.goalEventId === eventId ? 'counted by this event before' : 'counted by another event';
    }
  }
}
