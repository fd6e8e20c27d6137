import type { AddressInfo } from 'node:net';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { createDynamoClient } from '../shared/adapters/dynamodb/document-client';
import { loadConfig } from '../shared/runtime/config';
import { createDependencies, type Dependencies } from '../shared/runtime/dependencies';
import { createApiHandler } from '../functions/api/api-handler';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { createLocalHttpServer, type HttpLambda } from './http-server';

/** Default port of `npm start`. */
export const DEFAULT_LOCAL_PORT = 3000;
/** Default table name of the local platform. */
export const DEFAULT_LOCAL_TABLE = 'channel-lab-local';

/** Options of the local platform. */
export interface LocalPlatformOptions {
  /** HTTP port (0 for any free port). */
  readonly port?: number;
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local. */
  readonly dynamoEndpoint?: string;
  /** Table name (tests use one per file). */
  readonly tableName?: string;
  /** Persist DynamoDB Local's data in this folder (default: in memory). */
  readonly dbPath?: string;
}

/** A running local platform. */
export interface LocalPlatform {
  /** Base URL of the API, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** DynamoDB endpoint it uses. */
  readonly dynamoEndpoint: string;
  /** Table name it uses. */
  readonly tableName: string;
  /** The dependencies the handlers run with. */
  readonly deps: Dependencies;
  /** Stops the server (and DynamoDB Local if it started it). */
  stop(): Promise<void>;
}

/**
 * Starts the local platform: DynamoDB Local (unless an endpoint is given), the table from the
 * shared definition, and the same Lambda handlers behind a local HTTP server with the same routes.
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  let dynamo: DynamoDbLocal | undefined;
  const dynamoEndpoint = options.dynamoEndpoint ?? (dynamo = await startDynamoDbLocal(options.dbPath ? { dbPath: options.dbPath } : {})).endpoint;
  const tableName = options.tableName ?? DEFAULT_LOCAL_TABLE;
  const admin = createDynamoClient({ endpoint: dynamoEndpoint });
  await createTable(admin, tableName);
  admin.destroy();
  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamoEndpoint, AWS_REGION: 'us-east-1' });
  const deps = createDependencies(config);
  const api = createApiHandler(deps) as unknown as HttpLambda;
  const server = createLocalHttpServer([{ prefix: '/v1/', handler: api }]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_LOCAL_PORT, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dynamoEndpoint,
    tableName,
    deps,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await dynamo?.stop();
    },
  };
}
