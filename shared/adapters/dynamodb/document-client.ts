import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** How to reach DynamoDB: the real service (no endpoint) or DynamoDB Local. */
export interface DynamoConnection {
  /** Endpoint URL for DynamoDB Local; absent for AWS. */
  readonly endpoint?: string;
  /** Region (defaults to the SDK's resolution). */
  readonly region?: string;
}

/** Placeholder credentials DynamoDB Local accepts (it checks only their presence). */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** Region used for DynamoDB Local. */
const LOCAL_REGION = 'us-east-1';

/** A low-level client for the connection. */
export function createDynamoClient(connection: DynamoConnection = {}): DynamoDBClient {
  const config: DynamoDBClientConfig =
    connection.endpoint === undefined
      ? { ...(connection.region ? { region: connection.region } : {}) }
      : { endpoint: connection.endpoint, region: connection.region ?? LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return new DynamoDBClient(config);
}

/** A document client (plain JS values, undefined attributes dropped) over a low-level client. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
