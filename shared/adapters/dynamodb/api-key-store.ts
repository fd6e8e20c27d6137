import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord } from '../../domain/auth/api-key';
import type { ApiKeyStore } from '../../use-cases/ports/api-key-store';
import { conflictItem } from './conflict-item';
import { API_KEY_LIST_PARTITION, apiKeyEntity } from './entities/api-key-entity';
import { GSI1, PARTITION_KEY } from './table-definition';
import { buildUpdate } from './update-expression';

/** How long a looked-up key is trusted (a revocation takes effect within this time). */
export const API_KEY_CACHE_MS = 60_000;

/**
 * Most lookups a function instance keeps: a flood of random keys (one read each) cannot grow the
 * cache without bound; the oldest lookup is forgotten first (real keys are few and come back).
 */
export const API_KEY_CACHE_MAX_ENTRIES = 1_000;

/** API keys in the single table, found by the SHA-256 of the key; lookups cached per function (bounded). */
export class DynamoApiKeyStore implements ApiKeyStore {
  private readonly cache = new Map<string, { readonly at: number; readonly value: ApiKeyRecord | undefined }>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  async create(hash: string, record: ApiKeyRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: apiKeyEntity.item({ ...record, hash }, { hash }),
        ConditionExpression: 'attribute_not_exists(#cpk)',
        ExpressionAttributeNames: { '#cpk': PARTITION_KEY },
      }),
    );
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached && this.nowMs() - cached.at < API_KEY_CACHE_MS) return cached.value;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: apiKeyEntity.key({ hash }) }));
    const value = Item ? this.toRecord(Item) : undefined;
    this.cache.delete(hash);
    this.cache.set(hash, { at: this.nowMs(), value });
    // A Map iterates in insertion order: the first entries are the oldest lookups.
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= API_KEY_CACHE_MAX_ENTRIES) break;
      this.cache.delete(oldest);
    }
    return value;
  }

  /** How many lookups are cached (at most {@link API_KEY_CACHE_MAX_ENTRIES}). */
  get cachedLookups(): number {
    return this.cache.size;
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
        ExpressionAttributeValues: { ':pk': API_KEY_LIST_PARTITION },
        ScanIndexForward: false,
      }),
    );
    return Items.map((item) => this.toRecord(item));
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const match = (await this.list()).find((record) => record.id === id);
    if (!match) return false;
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk = :sk',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
        ExpressionAttributeValues: { ':pk': API_KEY_LIST_PARTITION, ':sk': `${match.createdAt}#${match.id}` },
      }),
    );
    const found = Items[0];
    if (!found) return false;
    const { hash } = apiKeyEntity.parse(found);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: apiKeyEntity.key({ hash }),
          ...buildUpdate({ setIfAbsent: { revokedAt: at }, condition: { expression: 'attribute_exists(#cpk)', names: { '#cpk': PARTITION_KEY } } }),
        }),
      );
    } catch (error) {
      if (conflictItem(error) !== undefined) return false;
      throw error;
    }
    this.cache.delete(hash);
    return true;
  }

  private toRecord(item: Record<string, unknown>): ApiKeyRecord {
    const { hash: _hash, ...record } = apiKeyEntity.parse(item);
    return record;
  }
}
