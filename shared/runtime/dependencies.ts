import { createDocumentClient, createDynamoClient } from '../adapters/dynamodb/document-client';
import { DynamoExperimentRepository } from '../adapters/dynamodb/experiment-repository';
import type { ExperimentDependencies } from '../use-cases/experiments/experiment-service';
import type { Config } from './config';
import { cryptoIds, systemClock } from './system-clock';

/** Everything the handlers need, built once per cold start (or once by the local platform). */
export type Dependencies = ExperimentDependencies;

/** The composition root: adapters wired from the configuration. */
export function createDependencies(config: Config, overrides: Partial<Dependencies> = {}): Dependencies {
  const dynamo = createDynamoClient({
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    ...(config.AWS_REGION ? { region: config.AWS_REGION } : {}),
  });
  const documents = createDocumentClient(dynamo);
  return {
    experiments: new DynamoExperimentRepository(documents, config.TABLE_NAME),
    clock: systemClock,
    ids: cryptoIds,
    ...overrides,
  };
}
