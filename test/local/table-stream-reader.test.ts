import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentEntity } from '../../shared/adapters/dynamodb/entities/assignment-entity';
import { createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import { readCounters } from '../../shared/adapters/dynamodb/stats-counters';
import { DynamoCounterLedger } from '../../shared/adapters/dynamodb/stream-counter-ledger';
import { mergeShards } from '../../shared/domain/statistics/cohort-counters';
import { GOAL_COUNTED_BY, GOAL_DELAY_MS, GOAL_VALUE, SEND_COUNTED_BY, STREAM_COUNTED } from '../../shared/domain/statistics/stream-counts';
import { countStreamChanges } from '../../shared/use-cases/counters/count-stream-changes';
import { TableStreamReader } from '../../local/table-stream-reader';
import { drainCounterStream } from '../support/counter-stream';
import { createTestTable, type TestTable } from '../support/dynamo';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('stream-reader');
});
afterAll(async () => table.drop());

/** A decision written as the send path writes it: queued, then `sent`, then (optionally) its goal. */
async function decision(id: string, options: { readonly marked: boolean; readonly goal: boolean }): Promise<void> {
  const key = assignmentEntity.key({ id });
  await table.documents.send(
    new PutCommand({ TableName: table.tableName, Item: { ...key, entity: 'assignment', id, experimentId: 'reader', segment: 'default', step: 0, channel: 'email', propensity: 0.5, status: 'sending', decidedAt: '2026-06-01T10:00:00.000Z' } }),
  );
  await table.documents.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: key,
      UpdateExpression: options.marked ? 'SET #s = :sent, sentAt = :at, #by = :stream' : 'SET #s = :sent, sentAt = :at',
      ExpressionAttributeNames: { '#s': 'status', ...(options.marked ? { '#by': SEND_COUNTED_BY } : {}) },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': '2026-06-01T10:00:01.000Z', ...(options.marked ? { ':stream': STREAM_COUNTED } : {}) },
    }),
  );
  if (options.goal) {
    await table.documents.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: 'SET goalAt = :at, #by = :stream, #delay = :delay, #value = :value',
        ExpressionAttributeNames: { '#by': GOAL_COUNTED_BY, '#delay': GOAL_DELAY_MS, '#value': GOAL_VALUE },
        ExpressionAttributeValues: { ':at': '2026-06-01T11:00:00.000Z', ':stream': STREAM_COUNTED, ':delay': 3_599_000, ':value': 10 },
      }),
    );
  }
}

async function totals() {
  const [counter] = mergeShards(await readCounters(table.documents, table.tableName, 'reader'));
  return counter ? { sends: counter.sends, successes: counter.successes, valueSum: counter.valueSum } : undefined;
}

describe('TableStreamReader on DynamoDB Local’s stream', () => {
  it('counts the marked sends and goals once; a drain after that, or a new reader from the stream’s start, adds nothing', async () => {
    for (let index = 0; index < 6; index += 1) await decision(`d${index}`, { marked: true, goal: index % 2 === 0 });
    // Sent before the switch: its transaction counted it, the stream must not.
    await decision('old', { marked: false, goal: false });
    await drainCounterStream(table);
    expect(await totals()).toEqual({ sends: 6, successes: 3, valueSum: 30 });
    await drainCounterStream(table);
    await decision('late', { marked: true, goal: false });
    await drainCounterStream(table);
    expect(await totals()).toEqual({ sends: 7, successes: 3, valueSum: 30 });

    // A consumer that starts over reads every record again (a redelivery of the whole stream).
    const ledger = new DynamoCounterLedger(table.documents, table.tableName, () => Date.now());
    const client = createDynamoClient({ endpoint: table.endpoint });
    const fresh = new TableStreamReader(client, table.endpoint, table.tableName, (batch) => countStreamChanges({ ledger }, batch));
    await fresh.drain();
    fresh.destroy();
    client.destroy();
    expect(await totals()).toEqual({ sends: 7, successes: 3, valueSum: 30 });
  });
});
