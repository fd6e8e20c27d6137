import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CHANNEL_LAB_TABLE, type IndexDefinition, type TableDefinition } from './table-definition';

/** Seconds to wait for a new table to become active. */
const TABLE_READY_TIMEOUT_SECONDS = 60;

/** An index's projection as the DynamoDB API spells it. */
export function projectionOf(index: IndexDefinition): { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  const { projection } = index;
  return projection.type === 'INCLUDE' ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.attributes] } : { ProjectionType: projection.type };
}

/**
 * Creates the table from the shared definition (local platform and tests; CDK builds the same
 * definition in the cloud). Does nothing when the table exists already.
 */
export async function createTable(client: DynamoDBClient, tableName: string, definition: TableDefinition = CHANNEL_LAB_TABLE): Promise<void> {
  const keyAttributes = new Set([definition.partitionKey, definition.sortKey]);
  for (const index of definition.globalIndexes) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: definition.streamView },
        GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: projectionOf(index),
        })),
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: TABLE_READY_TIMEOUT_SECONDS }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
    }),
  );
}
