import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../adapters/dynamodb/document-client';
import type { Clock } from '../../use-cases/ports/clock';
import type { Config } from '../config';
import { systemClock } from '../system-clock';

/** The table every adapter of a function reads and writes, with the clock they stamp items with. */
export interface TableAccess {
  /** Document client (one per function instance). */
  readonly documents: DynamoDBDocumentClient;
  /** Table name. */
  readonly table: string;
  /** Clock of every use case and adapter. */
  readonly clock: Clock;
  /** The clock's instant as an ISO string (adapters' timestamps). */
  readonly nowIso: () => string;
  /** The clock's instant in ms (the caches age on it: a simulated clock speeds them up too). */
  readonly nowMs: () => number;
}

/**
 * One document client for the configured table (DynamoDB Local when `DYNAMODB_ENDPOINT` is set).
 * @param clock - default the wall clock; tests and the local platform may drive simulated time.
 */
export function createTableAccess(config: Config, clock: Clock = systemClock): TableAccess {
  const dynamo = createDynamoClient({
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
  });
  return { documents: createDocumentClient(dynamo), table: config.TABLE_NAME, clock, nowIso: () => clock.now().toISOString(), nowMs: () => clock.now().getTime() };
}
