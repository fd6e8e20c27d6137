import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoTimers, timerPut } from '../../../../shared/adapters/dynamodb/timers';
import type { FollowUpTimer } from '../../../../shared/use-cases/ports/follow-up-timers';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('timers');
});
afterAll(async () => table.drop());

/** A follow-up timer of decision `assignmentId`, due `minutes` after 10:00. */
function timer(assignmentId: string, minutes: number): FollowUpTimer {
  return { assignmentId, experimentId: 'exp-1', dueAt: new Date(Date.parse('2026-06-10T10:00:00.000Z') + minutes * 60_000).toISOString() };
}

async function arm(kind: 'FOLLOWUP' | 'DELIVERYWATCH', timers: readonly FollowUpTimer[]): Promise<void> {
  for (const each of timers) await table.documents.send(new PutCommand(timerPut(table.tableName, kind, each).Put));
}

describe('DynamoTimers', () => {
  // 30 decisions land in many of the 20 shards; each shard is read in due order, then merged.
  const armed = Array.from({ length: 30 }, (_, index) => timer(`a-${index}`, (index * 7) % 30));

  beforeAll(async () => {
    await arm('FOLLOWUP', armed);
    await arm('DELIVERYWATCH', [timer('watch-1', 0)]);
  });

  it.each([
    { name: 'everything due, earliest first', now: 40, limit: 100, expected: [...armed].sort((a, b) => a.dueAt.localeCompare(b.dueAt)) },
    { name: 'only what is due at now', now: 4.5, limit: 100, expected: [...armed].filter((each) => each.dueAt <= timer('', 4.5).dueAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt)) },
    { name: 'the earliest `limit` across shards', now: 40, limit: 5, expected: [...armed].sort((a, b) => a.dueAt.localeCompare(b.dueAt)).slice(0, 5) },
  ])('$name', async ({ now, limit, expected }) => {
    const timers = new DynamoTimers(table.documents, table.tableName, 'FOLLOWUP');
    expect(await timers.due(timer('', now).dueAt, limit)).toEqual(expected);
  });

  it('reads one kind of timer only, and a removed timer is not due again', async () => {
    const watches = new DynamoTimers(table.documents, table.tableName, 'DELIVERYWATCH');
    const [watch] = await watches.due(timer('', 40).dueAt, 10);
    expect(watch).toEqual(timer('watch-1', 0));
    await watches.remove(watch!);
    expect(await watches.due(timer('', 40).dueAt, 10)).toEqual([]);
  });
});
