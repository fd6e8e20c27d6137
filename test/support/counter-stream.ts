import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DynamoCounterLedger } from '../../shared/adapters/dynamodb/stream-counter-ledger';
import { createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countStreamChanges } from '../../shared/use-cases/counters/count-stream-changes';
import { TableStreamReader } from '../../local/table-stream-reader';

/** A table tests write to and read counters from. */
export interface StreamedTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly documents: DynamoDBDocumentClient;
}

/** One reader per table, so each drain starts where the last one stopped. */
const readers = new Map<string, TableStreamReader>();

/**
 * Counts what the table's stream holds so far into its counters, with the counter aggregator's
 * use case, as the deployed aggregator does within a second or so. Tests that read counters
 * right after sends or events call this first (the local platform drains its own stream before
 * every counter read of the allocator).
 */
export async function drainCounterStream(table: StreamedTable): Promise<void> {
  let reader = readers.get(table.tableName);
  if (!reader) {
    const ledger = new DynamoCounterLedger(table.documents, table.tableName, () => Date.now());
    reader = new TableStreamReader(createDynamoClient({ endpoint: table.endpoint }), table.endpoint, table.tableName, (batch) => countStreamChanges({ ledger }, batch));
    readers.set(table.tableName, reader);
  }
  await reader.drain();
}

/** The records of one stream shard, as the DynamoDB Streams API returns them. */
export interface ShardRecords {
  readonly shardId: string;
  readonly records: readonly Record<string, unknown>[];
}

/**
 * Every record of the table's stream so far, shard by shard from its start (what an event source
 * mapping starting at TRIM_HORIZON would deliver): tests hand them to the counter aggregator's
 * entry as Lambda would.
 */
export async function streamRecords(table: StreamedTable): Promise<ShardRecords[]> {
  const dynamo = createDynamoClient({ endpoint: table.endpoint });
  const streams = new DynamoDBStreamsClient({ endpoint: table.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table.tableName }));
    const streamArn = Table?.LatestStreamArn ?? '';
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shards: ShardRecords[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const records: Record<string, unknown>[] = [];
      let { ShardIterator: iterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        if ((page.Records ?? []).length === 0) break;
        records.push(...((page.Records ?? []) as Record<string, unknown>[]));
        iterator = page.NextShardIterator;
      }
      shards.push({ shardId: shard.ShardId ?? '', records });
    }
    return shards;
  } finally {
    streams.destroy();
    dynamo.destroy();
  }
}
