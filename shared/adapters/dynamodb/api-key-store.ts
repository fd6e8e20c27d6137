import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord } from '../../domain/auth/api-key';
import type { ApiKeyStore } from '../../use-cases/ports/api-key-store';
import { GSI1 } from './table-definition';

/** How long a looked-up key is trusted (a revocation takes effect within this time). */
export const API_KEY_CACHE_MS = 60_000;
/** GSI1 partition listing keys. */
const LIST_PARTITION = 'APIKEYS';
/** Primary key of a key, by its hash. */
const keyOf = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'META' });

/** API keys in the single table, found by the SHA-256 of the key; lookups cached per function. */
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
        Item: { ...keyOf(hash), gsi1pk: LIST_PARTITION, gsi1sk: `${record.createdAt}#${record.id}`, entity: 'api_key', hash, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const cached = this.cache.get(hash);
    if (cached && this.nowMs() - cached.at < API_KEY_CACHE_MS) return cached.value;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keyOf(hash) }));
    const value = Item ? this.toRecord(Item) : undefined;
    this.cache.set(hash, { at: this.nowMs(), value });
    return value;
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
        ExpressionAttributeValues: { ':pk': LIST_PARTITION },
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
        ExpressionAttributeValues: { ':pk': LIST_PARTITION, ':sk': `${match.createdAt}#${match.id}` },
      }),
    );
    const hash = Items[0]?.hash as string | undefined;
    if (!hash) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(hash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    this.cache.delete(hash);
    return true;
  }

  private toRecord(item: Record<string, unknown>): ApiKeyRecord {
    const { id, name, scopes, createdAt, revokedAt } = item as unknown as ApiKeyRecord;
    return { id, name, scopes, createdAt, ...(revokedAt ? { revokedAt } : {}) };
  }
}
