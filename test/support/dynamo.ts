import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createDocumentClient, createDynamoClient } from '../../shared/adapters/dynamodb/document-client';

/** A fresh table in the run's DynamoDB Local. */
export interface TestTable {
  /** DynamoDB Local endpoint. */
  readonly endpoint: string;
  /** Table name (unique per call). */
  readonly tableName: string;
  /** Document client on it. */
  readonly documents: DynamoDBDocumentClient;
  /** Deletes the table and closes the clients. */
  drop(): Promise<void>;
}

/** Creates a table named after `label` from the shared definition in the run's DynamoDB Local. */
export async function createTestTable(label: string): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const client = createDynamoClient({ endpoint });
  const tableName = `test-${label}-${randomUUID().slice(0, 8)}`;
  await createTable(client, tableName);
  return {
    endpoint,
    tableName,
    documents: createDocumentClient(client),
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
