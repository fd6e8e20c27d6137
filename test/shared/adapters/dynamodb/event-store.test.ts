import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAssignmentRepository } from '../../../../shared/adapters/dynamodb/assignment-repository';
import { eventEntity } from '../../../../shared/adapters/dynamodb/entities/event-entity';
import { DynamoEventStore } from '../../../../shared/adapters/dynamodb/event-store';
import { readCounters } from '../../../../shared/adapters/dynamodb/stats-counters';
import { mergeShards } from '../../../../shared/domain/statistics/cohort-counters';
import type { Assignment } from '../../../../shared/domain/sends/assignment';
import type { EventRecord } from '../../../../shared/use-cases/ports/event-store';
import { drainCounterStream } from '../../../support/counter-stream';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let store: DynamoEventStore;
let assignments: DynamoAssignmentRepository;

beforeAll(async () => {
  table = await createTestTable('events');
  store = new DynamoEventStore(table.documents, table.tableName);
  assignments = new DynamoAssignmentRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

/** A sent decision in its own experiment (so each scenario reads its own counters). */
async function sentDecision(experimentId: string): Promise<Assignment> {
  const decision: Assignment = {
    id: `${experimentId}-a`, experimentId, customerId: 'c', step: 0, segment: 'default', eligibleChannels: ['email'], excluded: {}, channel: 'email',
    propensity: 0.5, allocationVersion: 1, policy: 'thompson', decisionSeed: 1, status: 'sent', decidedAt: '2026-06-01T10:00:00.000Z', sentAt: '2026-06-01T10:00:01.000Z',
    messageId: `m-${experimentId}`, variables: {}, contact: {}, attempts: 1,
  };
  await assignments.createIfAbsent(decision);
  return decision;
}

function goalEvent(decision: Assignment, eventId: string): EventRecord {
  return {
    event: { eventId, type: 'clicked', occurredAt: '2026-06-01T11:00:00.000Z', assignmentId: decision.id, experimentId: decision.experimentId, customerId: decision.customerId },
    attribution: 'goal',
    goals: [{ assignment: decision, delayMs: 3_600_000 }],
    receivedAt: '2026-06-01T11:00:01.000Z',
  };
}

/** The experiment's counted successes, once the table's stream is counted. */
async function successes(experimentId: string): Promise<number> {
  await drainCounterStream(table);
  return mergeShards(await readCounters(table.documents, table.tableName, experimentId)).reduce((sum, counter) => sum + counter.successes, 0);
}

describe('DynamoEventStore', () => {
  it('writes the goal on the decision alone (with its delay and value): the success reaches the counter through the table’s stream, once', async () => {
    const decision = await sentDecision('streamed');
    const record = { ...goalEvent(decision, 'e-stream'), event: { ...goalEvent(decision, 'e-stream').event, value: 25 } };
    expect(await store.record(record)).toEqual({ status: 'recorded', counted: [decision.id] });
    const counted = async () => mergeShards(await readCounters(table.documents, table.tableName, 'streamed')).map((counter) => ({ successes: counter.successes, valueSum: counter.valueSum }));
    expect(await counted()).toEqual([]);
    expect(await store.record(record)).toEqual({ status: 'duplicate' });
    await drainCounterStream(table);
    expect(await counted()).toEqual([{ successes: 1, valueSum: 25 }]);
  });

  it('stores an event once and counts its goal once; the same event again is a duplicate', async () => {
    const decision = await sentDecision('once');
    expect(await store.record(goalEvent(decision, 'e-1'))).toEqual({ status: 'recorded', counted: [decision.id] });
    expect(await store.record(goalEvent(decision, 'e-1'))).toEqual({ status: 'duplicate' });
    expect(await successes('once')).toBe(1);
    expect(await assignments.get(decision.id)).toMatchObject({ goalAt: '2026-06-01T11:00:00.000Z', goalEventId: 'e-1' });
  });

  it('a try that stopped after storing the event is finished by the retry: the goal counts once', async () => {
    const decision = await sentDecision('interrupted');
    const record = goalEvent(decision, 'e-2');
    // What the first try wrote before it stopped: the event record, listing the goal it was counting.
    await table.documents.send(new PutCommand({ TableName: table.tableName, Item: eventEntity.item({ ...record.event, attribution: 'goal', counted: [decision.id], receivedAt: record.receivedAt }, record.event) }));
    expect(await successes('interrupted')).toBe(0);
    expect(await store.record(record)).toEqual({ status: 'recorded', counted: [decision.id] });
    expect(await successes('interrupted')).toBe(1);
    // The decision now has its success: the use case offers no goal, and the event is a duplicate.
    expect(await store.record({ ...record, goals: [] })).toEqual({ status: 'duplicate' });
    expect(await store.record(record)).toEqual({ status: 'duplicate' });
    expect(await successes('interrupted')).toBe(1);
  });

  it('a goal another event counted first is not listed as this event’s', async () => {
    const decision = await sentDecision('taken');
    expect(await store.record(goalEvent(decision, 'first'))).toEqual({ status: 'recorded', counted: [decision.id] });
    // The second event read the decision before the first counted it, so it still offers the goal.
    expect(await store.record(goalEvent(decision, 'second'))).toEqual({ status: 'recorded', counted: [] });
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: eventEntity.key({ eventId: 'second' }) }));
    expect(Item?.counted).toEqual([]);
    expect(await successes('taken')).toBe(1);
  });

  it('an event that reaches no goal is stored and counts nothing', async () => {
    const decision = await sentDecision('no-goal');
    expect(await store.record({ ...goalEvent(decision, 'open'), attribution: 'not_goal', goals: [] })).toEqual({ status: 'recorded', counted: [] });
    expect(await store.record({ ...goalEvent(decision, 'open'), attribution: 'not_goal', goals: [] })).toEqual({ status: 'duplicate' });
    expect(await successes('no-goal')).toBe(0);
  });
});
