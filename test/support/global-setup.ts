import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import { ensureWebBuild } from '../../web/build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the DynamoDB Local shared by the whole test run. */
    dynamoEndpoint: string;
  }
}

let dynamo: DynamoDbLocal | undefined;

/**
 * Starts one DynamoDB Local for the whole run (each test file makes its own table), and builds the
 * web app when web/dist is missing or stale, so browser tests never drive an old build.
 */
export async function setup(project: TestProject): Promise<void> {
  await ensureWebBuild();
  dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

/** Stops DynamoDB Local. */
export async function teardown(): Promise<void> {
  await dynamo?.stop();
}
