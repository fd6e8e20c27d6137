import { DynamoApiKeyStore } from '../../shared/adapters/dynamodb/api-key-store';
import { DynamoAllocationStore } from '../../shared/adapters/dynamodb/dynamo-allocation-store';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { cryptoKeyMaker } from '../../shared/runtime/api-key-maker';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import { cryptoSeeds } from '../../shared/runtime/system-clock';
import type { AllocatorDependencies } from '../../shared/use-cases/allocation/run-allocation';
import type { ApiKeyDependencies } from '../../shared/use-cases/auth/api-keys';
import type { TouchpointDependencies } from '../../shared/use-cases/insights/get-touchpoints';
import type { ResultsDependencies } from '../../shared/use-cases/results/get-results';

/** What the analysis function's routes need: experiments, statistics and allocations, and the API keys that guard them. */
export type AnalysisDependencies = AllocatorDependencies &
  ResultsDependencies &
  TouchpointDependencies &
  Pick<ApiKeyDependencies, 'apiKeys' | 'keyMaker'> & {
    /** Whether API keys are required (`none`: the local platform without keys). */
    readonly authMode: 'api_keys' | 'none';
  };

/** Options of {@link composeAnalysis} beyond the configuration. */
export interface AnalysisCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
}

/** The analysis function's composition root: the table's experiments, statistics, allocations and API keys; no queue, no secret. */
export function composeAnalysis(config: Config, options: AnalysisCompositionOptions = {}): AnalysisDependencies {
  const { documents, table, clock } = options.table ?? createTableAccess(config);
  const allocationStore = new DynamoAllocationStore(documents, table);
  return {
    experiments: new DynamoExperimentRepository(documents, table),
    statistics: allocationStore,
    allocationStore,
    clock,
    seeds: cryptoSeeds,
    apiKeys: new DynamoApiKeyStore(documents, table),
    keyMaker: cryptoKeyMaker,
    authMode: config.AUTH_MODE,
  };
}
