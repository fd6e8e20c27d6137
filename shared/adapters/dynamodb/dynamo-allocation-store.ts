import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AllocationRecord, HistoryPoint, ResultsSnapshot } from '../../domain/statistics/allocation-record';
import type { AllocationStore, StatisticsReader } from '../../use-cases/ports/allocation-ports';
import type { CohortCounter } from '../../domain/statistics/cohort-counters';
import { allocationKeys } from './keys';
import { readCounters } from './stats-counters';
import { transactWrite } from './transact';

/** Sort key of the results snapshot. */
export const RESULTS_SORT_KEY = 'RESULTS';
/** Key of the results snapshot of an experiment. */
export const resultsKey = (experimentId: string) => ({ pk: `EXP#${experimentId}`, sk: RESULTS_SORT_KEY });
/** Key of one allocator run's history points. */
const historyKey = (experimentId: string, at: string) => ({ pk: `EXP#${experimentId}`, sk: `HIST#${at}` });

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
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: allocationKeys.current(experimentId), ConsistentRead: true }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...record } = Item;
    return record as AllocationRecord;
  }

  async snapshot(experimentId: string): Promise<ResultsSnapshot | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: resultsKey(experimentId) }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...snapshot } = Item;
    return snapshot as ResultsSnapshot;
  }

  async save(record: AllocationRecord, history: readonly HistoryPoint[], snapshot: ResultsSnapshot): Promise<boolean> {
    const outcome = await transactWrite(this.client, [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...allocationKeys.current(record.experimentId), entity: 'allocation', ...record },
          ConditionExpression: record.version === 1 ? 'attribute_not_exists(pk)' : '#version = :previous',
          ...(record.version === 1 ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':previous': record.version - 1 } }),
        },
      },
      { Put: { TableName: this.tableName, Item: { ...allocationKeys.version(record.experimentId, record.version), entity: 'allocation_version', ...record } } },
      { Put: { TableName: this.tableName, Item: { ...historyKey(record.experimentId, record.computedAt), entity: 'history', points: history } } },
      { Put: { TableName: this.tableName, Item: { ...resultsKey(record.experimentId), entity: 'results', ...snapshot } } },
    ]);
    return outcome.written;
  }
}
