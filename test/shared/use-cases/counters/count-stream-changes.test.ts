import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounters } from '../../../../shared/adapters/dynamodb/stats-counters';
import { DynamoCounterLedger } from '../../../../shared/adapters/dynamodb/stream-counter-ledger';
import { mergeShards } from '../../../../shared/domain/statistics/cohort-counters';
import { GOAL_COUNTED_BY, GOAL_DELAY_MS, SEND_COUNTED_BY, STREAM_COUNTED, type StreamChange } from '../../../../shared/domain/statistics/stream-counts';
import { countStreamChanges, MAX_CELLS_PER_WRITE } from '../../../../shared/use-cases/counters/count-stream-changes';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let ledger: DynamoCounterLedger;

beforeAll(async () => {
  table = await createTestTable('stream-counts');
  ledger = new DynamoCounterLedger(table.documents, table.tableName, () => Date.parse('2026-06-01T12:00:00.000Z'));
});
afterAll(async () => table.drop());

/** Ten changes of one shard: decision i is sent (segment s<i % 3>), and every other one reaches its goal. */
function shardChanges(experimentId: string, firstSequence = 100): StreamChange[] {
  return Array.from({ length: 10 }, (_, index) => {
    const queued = { experimentId, segment: `s${index % 3}`, step: 0, channel: 'sms', propensity: 0.5, status: 'sending', decidedAt: '2026-06-01T10:00:00.000Z' };
    const sent = { ...queued, status: 'sent', sentAt: '2026-06-01T10:00:05.000Z', [SEND_COUNTED_BY]: STREAM_COUNTED };
    const reached = { ...sent, goalAt: '2026-06-01T10:30:00.000Z', [GOAL_COUNTED_BY]: STREAM_COUNTED, [GOAL_DELAY_MS]: 1_795_000 };
    return index % 2 === 0 ? { sequenceNumber: String(firstSequence + index), oldImage: sent, newImage: reached } : { sequenceNumber: String(firstSequence + index), oldImage: queued, newImage: sent };
  });
}

/** The experiment's counters, summed over shards: sends, successes and ipw sums per segment. */
async function totals(experimentId: string) {
  const merged = mergeShards(await readCounters(table.documents, table.tableName, experimentId));
  return Object.fromEntries(merged.map((counter) => [counter.segment, { sends: counter.sends, successes: counter.successes, ipwSends: counter.ipwSends }]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** What the ten changes add up to when each counts once. */
const EXACT = { s0: { sends: 2, successes: 2, ipwSends: 4 }, s1: { sends: 2, successes: 1, ipwSends: 4 }, s2: { sends: 1, successes: 2, ipwSends: 2 } };

describe('countStreamChanges against DynamoDB Local: each change counts once however it is delivered', () => {
  it.each([
    ['once', [[0, 10]]],
    ['the same batch twice (a retry after the write succeeded)', [[0, 10], [0, 10]]],
    ['bisected after the whole batch was counted', [[0, 10], [0, 5], [5, 10]]],
    ['overlapping batches', [[0, 6], [3, 10]]],
    ['a short batch, then a longer one from the same start', [[0, 3], [0, 10]]],
    ['a redelivery out of order, after later changes were counted', [[0, 10], [3, 5], [7, 8]]],
    ['one change at a time, each twice', Array.from({ length: 10 }, (_, index) => [[index, index + 1], [index, index + 1]]).flat()],
  ] as const)('%s', async (name, deliveries) => {
    const experimentId = `exp-${name.replace(/\W+/g, '-')}`;
    const changes = shardChanges(experimentId);
    for (const [from, to] of deliveries) {
      const report = await countStreamChanges({ ledger }, { shardId: `shard-${experimentId}`, changes: changes.slice(from, to) });
      expect(report.stoppedAt).toBeUndefined();
    }
    expect(await totals(experimentId)).toEqual(EXACT);
  });

  it('keeps one checkpoint per stream shard: two shards with the same sequence numbers both count', async () => {
    const experimentId = 'exp-two-shards';
    await countStreamChanges({ ledger }, { shardId: 'shard-a', changes: shardChanges(experimentId) });
    await countStreamChanges({ ledger }, { shardId: 'shard-b', changes: shardChanges(experimentId) });
    await countStreamChanges({ ledger }, { shardId: 'shard-a', changes: shardChanges(experimentId) });
    const counted = await totals(experimentId);
    expect(counted.s0).toEqual({ sends: 4, successes: 4, ipwSends: 8 });
  });

  it(`splits a batch touching more than ${MAX_CELLS_PER_WRITE} counter cells into atomic writes, and a redelivery still counts once`, async () => {
    const experimentId = 'exp-many-cells';
    const changes: StreamChange[] = Array.from({ length: 250 }, (_, index) => ({
      sequenceNumber: String(1000 + index),
      oldImage: { experimentId, segment: `seg${index % 150}`, step: 0, channel: 'email', propensity: 1, status: 'sending', decidedAt: '2026-06-01T10:00:00.000Z' },
      newImage: { experimentId, segment: `seg${index % 150}`, step: 0, channel: 'email', propensity: 1, status: 'sent', decidedAt: '2026-06-01T10:00:00.000Z', sentAt: '2026-06-01T10:00:01.000Z', [SEND_COUNTED_BY]: STREAM_COUNTED },
    }));
    const report = await countStreamChanges({ ledger }, { shardId: 'shard-many', changes });
    expect(report).toMatchObject({ writes: 3, counted: 250 });
    const again = await countStreamChanges({ ledger }, { shardId: 'shard-many', changes: changes.slice(120) });
    expect(again).toMatchObject({ writes: 0, alreadyCounted: 130 });
    const counters = mergeShards(await readCounters(table.documents, table.tableName, experimentId));
    expect(counters.reduce((sum, counter) => sum + counter.sends, 0)).toBe(250);
  });

  it('stops at the first change it cannot count, with everything before it counted, and goes on from there once it can', async () => {
    const experimentId = 'exp-stop';
    const changes = shardChanges(experimentId);
    const broken = { ...changes[4]!, newImage: { ...changes[4]!.newImage, propensity: 'half' } };
    const report = await countStreamChanges({ ledger }, { shardId: 'shard-stop', changes: [...changes.slice(0, 4), broken, ...changes.slice(5)] });
    expect(report.stoppedAt?.sequenceNumber).toBe('104');
    expect(report.counted).toBe(4);
    // The retry starts at the failed change (Lambda's partial batch response), now readable.
    await countStreamChanges({ ledger }, { shardId: 'shard-stop', changes: changes.slice(4) });
    expect(await totals(experimentId)).toEqual(EXACT);
  });
});
