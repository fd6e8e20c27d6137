import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { changeOf, type TableStreamRecord } from '../shared/adapters/dynamodb/stream-records';
import type { StreamChange } from '../shared/domain/statistics/stream-counts';

/** Records per batch handed to the consumer (the stack's event source mapping uses the same). */
export const LOCAL_STREAM_BATCH_SIZE = 100;
/** Tries of a batch the consumer stopped on before the drain fails (the mapping's retries). */
const BATCH_ATTEMPTS = 4;

/** What the consumer says of a batch: counted through, or stopped at a change to retry from. */
export interface ConsumerReport {
  readonly stoppedAt?: { readonly sequenceNumber: string; readonly error: unknown };
}

/** The consumer of a shard's batches (the counter aggregator's use case). */
export type StreamConsumer = (batch: { readonly shardId: string; readonly changes: readonly StreamChange[] }) => Promise<ConsumerReport>;

/**
 * The local platform's stand-in for a stream event source mapping: reads the table's stream on
 * DynamoDB Local (which implements the DynamoDB Streams API) shard by shard, in order, and hands
 * each batch to the consumer; where the consumer stopped, the next read starts from that record.
 * {@link drain} reads until every shard is caught up; drains never overlap.
 */
export class TableStreamReader {
  private readonly streams: DynamoDBStreamsClient;
  /** Per shard, the last sequence number handed over successfully. */
  private readonly positions = new Map<string, string>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly dynamo: DynamoDBClient,
    endpoint: string,
    private readonly tableName: string,
    private readonly consumer: StreamConsumer,
  ) {
    this.streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }

  /** Reads and hands over every record written so far (after any drain already running). */
  drain(): Promise<void> {
    const next = this.running.then(() => this.readAll());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Closes the streams client. */
  destroy(): void {
    this.streams.destroy();
  }

  private async readAll(): Promise<void> {
    const { Table } = await this.dynamo.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${this.tableName} has no stream: it must be created from the shared definition`);
    for (const shard of await this.shards(streamArn)) await this.readShard(streamArn, shard);
  }

  /** The stream's shards, parents before children (by the start of their sequence ranges). */
  private async shards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const startOf = (shard: Shard) => BigInt(shard.SequenceNumberRange?.StartingSequenceNumber ?? '0');
    return shards.sort((a, b) => (startOf(a) < startOf(b) ? -1 : startOf(a) > startOf(b) ? 1 : 0));
  }

  private async readShard(streamArn: string, shard: Shard): Promise<void> {
    const shardId = shard.ShardId;
    if (!shardId) return;
    for (let attempt = 1; ; attempt += 1) {
      const after = this.positions.get(shardId);
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }) }),
      );
      let iterator = ShardIterator;
      let stopped: ConsumerReport['stoppedAt'];
      while (iterator && !stopped) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: LOCAL_STREAM_BATCH_SIZE }));
        const records = page.Records ?? [];
        if (records.length === 0) return;
        const changes = records.map((record) => changeOf(record as TableStreamRecord));
        const report = await this.consumer({ shardId, changes });
        stopped = report.stoppedAt;
        if (!stopped) this.positions.set(shardId, changes[changes.length - 1]!.sequenceNumber);
        else {
          // Everything before the failed change was counted: the retry starts there.
          const index = changes.findIndex((change) => change.sequenceNumber === stopped!.sequenceNumber);
          if (index > 0) this.positions.set(shardId, changes[index - 1]!.sequenceNumber);
        }
        iterator = page.NextShardIterator;
      }
      if (!stopped) return;
      if (attempt >= BATCH_ATTEMPTS) throw new Error(`stream shard ${shardId} stopped at ${stopped.sequenceNumber}: ${stopped.error instanceof Error ? stopped.error.message : String(stopped.error)}`);
    }
  }
}
