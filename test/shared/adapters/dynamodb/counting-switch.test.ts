/**
 * The switch from counting in the write's transaction to counting from the table's stream, on a
 * deployed table: during a rollout, old and new function code write the same decisions. Each send
 * and each success must count exactly once, whichever code wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAssignmentRepository } from '../../../../shared/adapters/dynamodb/assignment-repository';
import { assignmentEntity } from '../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { DynamoEventStore } from '../../../../shared/adapters/dynamodb/event-store';
import { counterUpdate, readCounters } from '../../../../shared/adapters/dynamodb/stats-counters';
import { transactWrite } from '../../../../shared/adapters/dynamodb/transact';
import { buildUpdate } from '../../../../shared/adapters/dynamodb/update-expression';
import { cohortOf, mergeShards } from '../../../../shared/domain/statistics/cohort-counters';
import type { Assignment } from '../../../../shared/domain/sends/assignment';
import { drainCounterStream } from '../../../support/counter-stream';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let repository: DynamoAssignmentRepository;
let events: DynamoEventStore;

beforeAll(async () => {
  table = await createTestTable('counting-switch');
  repository = new DynamoAssignmentRepository(table.documents, table.tableName);
  events = new DynamoEventStore(table.documents, table.tableName);
});
afterAll(async () => table.drop());

const SENT_AT = '2026-06-01T10:00:02.000Z';

/** A decision being sent (claimed), in its own experiment. */
async function sending(experimentId: string): Promise<Assignment> {
  const decision: Assignment = {
    id: `${experimentId}-d`, experimentId, customerId: 'c', step: 0, segment: 'default', eligibleChannels: ['sms'], excluded: {}, channel: 'sms', propensity: 0.5,
    allocationVersion: 1, policy: 'thompson', decisionSeed: 1, status: 'queued', decidedAt: '2026-06-01T10:00:00.000Z', variables: {}, contact: {}, attempts: 0,
  };
  await repository.createIfAbsent(decision);
  const claim = await repository.claim(decision.id, '2026-06-01T10:00:01.000Z');
  if (!claim.claimed) throw new Error('not claimed');
  return claim.assignment;
}

const cell = (decision: Assignment) => ({ experimentId: decision.experimentId, segment: decision.segment, arm: decision.channel ?? 'holdout', step: decision.step, cohortStart: cohortOf(SENT_AT) });

/** What the code before the switch wrote for a send: `sent` and its counter in one transaction, no marker. */
async function oldSend(decision: Assignment): Promise<void> {
  const outcome = await transactWrite(table.documents, [
    { Update: { TableName: table.tableName, Key: assignmentEntity.key(decision), ...buildUpdate({ set: { status: 'sent', messageId: `m-${decision.id}`, sentAt: SENT_AT } }) } },
    counterUpdate(table.tableName, cell(decision), { sends: 1, propensity: decision.propensity }),
  ]);
  expect(outcome.written).toBe(true);
}

/** What the code before the switch wrote for a goal: `goalAt` and the success counter in one transaction, no marker. */
async function oldGoal(decision: Assignment): Promise<void> {
  const outcome = await transactWrite(table.documents, [
    { Update: { TableName: table.tableName, Key: assignmentEntity.key(decision), ...buildUpdate({ set: { goalAt: '2026-06-01T11:00:00.000Z', goalEventId: `old-${decision.id}` } }) } },
    counterUpdate(table.tableName, cell(decision), { successes: 1, delayBucket: 6, propensity: decision.propensity }),
  ]);
  expect(outcome.written).toBe(true);
}

const newSend = async (decision: Assignment) => expect(await repository.markSent(decision, `m-${decision.id}`, SENT_AT)).toBe(true);
async function newGoal(decision: Assignment): Promise<void> {
  const sent = { ...decision, status: 'sent' as const, sentAt: SENT_AT };
  const outcome = await events.record({
    event: { eventId: `new-${decision.id}`, type: 'clicked', occurredAt: '2026-06-01T11:00:00.000Z', assignmentId: decision.id, experimentId: decision.experimentId, customerId: 'c' },
    attribution: 'goal',
    goals: [{ assignment: sent, delayMs: 3_598_000 }],
    receivedAt: '2026-06-01T11:00:01.000Z',
  });
  expect(outcome).toEqual({ status: 'recorded', counted: [decision.id] });
}

describe('switching to counts from the stream on a deployed table', () => {
  it.each([
    ['sent and answered before the switch', oldSend, oldGoal],
    ['sent before the switch, answered after it', oldSend, newGoal],
    ['sent after the switch, answered by code not yet switched (a rollout)', newSend, oldGoal],
    ['sent and answered after the switch', newSend, newGoal],
  ] as const)('%s: one send and one success, counted once', async (name, send, goal) => {
    const experimentId = `switch-${name.replace(/\W+/g, '-')}`;
    const decision = await sending(experimentId);
    await send(decision);
    await goal(decision);
    await drainCounterStream(table);
    await drainCounterStream(table);
    const counters = mergeShards(await readCounters(table.documents, table.tableName, experimentId));
    expect(counters.map((counter) => ({ sends: counter.sends, successes: counter.successes }))).toEqual([{ sends: 1, successes: 1 }]);
  });
});
