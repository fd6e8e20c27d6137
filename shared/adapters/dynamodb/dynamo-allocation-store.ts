import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AllocationRecord, HistoryPoint, ResultsSnapshot } from '../../domain/statistics/allocation-record';
import type { AllocationStore, StatisticsReader } from '../../use-cases/ports/allocation-ports';
import type { CohortCounter } from '../../domain/statistics/cohort-counters';
import { allocationVersionEntity, currentAllocationEntity, historyEntity, resultsSnapshotEntity } from './entities/allocation-entities';
import { PARTITION_KEY } from './table-definition';
import { readCounters } from './stats-counters';
import { transactWrite } from './transact';

/** Key of the results snapshot of an experiment. */
export const resultsKey = (experimentId: string) => resultsSnapshotEntity.key({ experimentId });

/**
 * Allocations in the single table: `ALLOC#CURRENT` (what the send path reads), one item per
 * version (audit: weights and seed), one history item per run, and the `RESULTS` snapshot the
 * results API serves with a single read.
 */
export class DynamoAllocationStore implements AllocationStore, StatisticsReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  read(experimentId: string): Promise<readonly CohortCounter[]> {
    return readCounters(this.client, this.tableName, experimentId);
  }

  async current(experimentId: string): Promise<AllocationRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: currentAllocationEntity.key({ experimentId }), ConsistentRead: true }));
    return Item ? currentAllocationEntity.parse(Item) : undefined;
  }

  async snapshot(experimentId: string): Promise<ResultsSnapshot | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: resultsKey(experimentId) }));
    return Item ? resultsSnapshotEntity.parse(Item) : undefined;
  }

  async save(record: AllocationRecord, history: readonly HistoryPoint[], snapshot: ResultsSnapshot): Promise<boolean> {
    const first = record.version === 1;
    const outcome = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: currentAllocationEntity.item(record, record),
          ...(first
            ? { ConditionExpression: 'attribute_not_exists(#cpk)', ExpressionAttributeNames: { '#cpk': PARTITION_KEY } }
            : { ConditionExpression: '#cversion = :cprevious', ExpressionAttributeNames: { '#cversion': 'version' }, ExpressionAttributeValues: { ':cprevious': record.version - 1 } }),
        },
      },
      { Put: { TableName: this.tableName, Item: allocationVersionEntity.item(record, record) } },
      { Put: { TableName: this.tableName, Item: historyEntity.item({ points: history }, { experimentId: record.experimentId, at: record.computedAt }) } },
      { Put: { TableName: this.tableName, Item: resultsSnapshotEntity.item(snapshot, snapshot) } },
    ]);
    return outcome.written;
  }
}
