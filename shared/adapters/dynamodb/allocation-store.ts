import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AllocationSource, CurrentAllocation } from '../../use-cases/ports/allocation-source';
import { currentAllocationEntity } from './entities/allocation-entities';

/**
 * Reads the current allocation of an experiment, cached in the function for `maxAgeMs`
 * (the send path passes a fifth of the experiment's update cadence), so a send costs no read
 * for weights except once per cache period per warm function.
 */
export class CachedAllocationSource implements AllocationSource {
  private readonly cache = new Map<string, { readonly at: number; readonly value: CurrentAllocation | undefined }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  async current(experimentId: string, maxAgeMs: number): Promise<CurrentAllocation | undefined> {
    const cached = this.cache.get(experimentId);
    if (cached && this.nowMs() - cached.at < maxAgeMs) return cached.value;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: currentAllocationEntity.key({ experimentId }) }));
    const record = Item ? currentAllocationEntity.parse(Item) : undefined;
    const value = record ? { version: record.version, segments: record.segments } : undefined;
    this.cache.set(experimentId, { at: this.nowMs(), value });
    return value;
  }

  /** Drops cached allocations (tests, and the local platform after a reallocation). */
  clear(): void {
    this.cache.clear();
  }
}
