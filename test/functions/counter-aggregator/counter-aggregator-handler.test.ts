import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeCounterAggregator } from '../../../functions/counter-aggregator/counter-aggregator-composition';
import { type CounterStreamEvent, createCounterAggregatorHandler, MissingShardIdError } from '../../../functions/counter-aggregator/counter-aggregator-handler';
import { loadConfig } from '../../../shared/runtime/config';
import { readCounters } from '../../../shared/adapters/dynamodb/stats-counters';
import { mergeShards } from '../../../shared/domain/statistics/cohort-counters';
import { SEND_COUNTED_BY, STREAM_COUNTED } from '../../../shared/domain/statistics/stream-counts';
import { createTestTable, type TestTable } from '../../support/dynamo';

let table: TestTable;
const context = { functionName: 'counter-aggregator', awsRequestId: 'req', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

beforeAll(async () => {
  table = await createTestTable('aggregator');
});
afterAll(async () => table.drop());

/** Logs nothing (tests stay quiet); the scenarios spy on what it is asked to log. */
const logger = new Logger({ logLevel: 'SILENT' });
const handlerOn = (tableName: string) => createCounterAggregatorHandler(composeCounterAggregator(loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: table.endpoint, AWS_REGION: 'us-east-1' })), { logger });

/** A `sending → sent` record as the stream delivers it to Lambda (DynamoDB JSON images). */
function sentRecord(sequence: number, experimentId: string): DynamoDBRecord {
  const before = { pk: `ASSIGN#${sequence}`, sk: 'META', entity: 'assignment', experimentId, segment: 'default', step: 0, channel: 'push', propensity: 0.5, status: 'sending', decidedAt: '2026-06-01T10:00:00.000Z' };
  const after = { ...before, status: 'sent', sentAt: '2026-06-01T10:00:02.000Z', [SEND_COUNTED_BY]: STREAM_COUNTED };
  return {
    eventID: `event-${sequence}`,
    eventName: 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/channel-lab/stream/2026-06-01T00:00:00.000',
    dynamodb: {
      Keys: marshall({ pk: before.pk, sk: before.sk }) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      OldImage: marshall(before) as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'],
      NewImage: marshall(after) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      SequenceNumber: String(4_000_000_000_000_000_000n + BigInt(sequence)),
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** A tumbling-window invocation (the documented DynamodbTimeWindowEvent shape) for one shard. */
function windowEvent(records: readonly DynamoDBRecord[], shardId = 'shardId-00000001780000000000-0000abcd'): CounterStreamEvent {
  return {
    Records: records,
    shardId,
    ...({ window: { start: '2026-06-01T10:00:00Z', end: '2026-06-01T10:01:00Z' }, state: {}, eventSourceARN: records[0]?.eventSourceARN ?? 'stream-ARN', isWindowTerminatedEarly: false } as object),
    isFinalInvokeForWindow: false,
  };
}

async function sends(experimentId: string): Promise<number> {
  return mergeShards(await readCounters(table.documents, table.tableName, experimentId)).reduce((sum, counter) => sum + counter.sends, 0);
}

describe('counter aggregator handler', () => {
  it('counts a batch of stream records once, answers with an empty state, and a redelivered batch adds nothing', async () => {
    const handler = handlerOn(table.tableName);
    const records = [1, 2, 3].map((sequence) => sentRecord(sequence, 'handler'));
    expect(await handler(windowEvent(records), context)).toEqual({ state: {}, batchItemFailures: [] });
    expect(await handler(windowEvent(records.slice(1)), context)).toEqual({ state: {}, batchItemFailures: [] });
    expect(await sends('handler')).toBe(3);
  });

  it('answers the window’s closing invocation without records with an empty state', async () => {
    expect(await handlerOn(table.tableName)({ Records: [], isFinalInvokeForWindow: true }, context)).toEqual({ state: {}, batchItemFailures: [] });
  });

  it('fails, saying what to configure, when the mapping has no tumbling window (no shard id)', async () => {
    await expect(handlerOn(table.tableName)({ Records: [sentRecord(9, 'no-shard')] }, context)).rejects.toThrow(MissingShardIdError);
  });

  it('reports the first record it could not count when the table refuses the write, so Lambda retries from there', async () => {
    const records = [11, 12].map((sequence) => sentRecord(sequence, 'refused'));
    const errors = vi.spyOn(logger, 'error');
    expect(await handlerOn('no-such-table')(windowEvent(records), context)).toEqual({ state: {}, batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber }] });
    expect(errors).toHaveBeenCalledWith('counting stopped: retried from this record', expect.objectContaining({ sequenceNumber: records[0]!.dynamodb!.SequenceNumber, error: expect.stringMatching(/non-existent table/) }));
  });
});
