import { CachedAllocationSource } from '../../shared/adapters/dynamodb/allocation-store';
import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import { CachedExperimentSource, EXPERIMENT_CACHE_MS } from '../../shared/adapters/dynamodb/cached-experiment-source';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoAllocationStore } from '../../shared/adapters/dynamodb/dynamo-allocation-store';
import { DynamoJourneyGate } from '../../shared/adapters/dynamodb/dynamo-journey-gate';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { DynamoPendingSendStore } from '../../shared/adapters/dynamodb/pending-send-store';
import { DynamoTimers } from '../../shared/adapters/dynamodb/timers';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import { createIds, cryptoSeeds } from '../../shared/runtime/system-clock';
import type { JourneyGate } from '../../shared/use-cases/ports/journey-gate';
import type { ScheduledWorkDependencies } from '../../shared/use-cases/scheduled/scheduled-work';

/** Options of {@link composeScheduledWork} beyond the configuration. */
export interface ScheduledWorkCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Key of assignment ids (follow-ups are new decisions; the only secret this function reads). */
  readonly assignmentIdKey?: string;
  /** Journeys' gate (default: the journeys stored in the table: their per-customer cap and stage order). */
  readonly journeys?: JourneyGate;
}

/**
 * The scheduled-work function's composition root: what reallocating, releasing deferred sends and
 * following up on silence need (statistics and allocations, decisions, timers). No queue: the
 * decisions it makes or releases reach the dispatch queue through the table's stream (the dispatch outbox).
 */
export function composeScheduledWork(config: Config, options: ScheduledWorkCompositionOptions = {}): ScheduledWorkDependencies {
  const access = options.table ?? createTableAccess(config);
  const { documents, table, clock } = access;
  const experiments = new DynamoExperimentRepository(documents, table);
  const allocationStore = new DynamoAllocationStore(documents, table);
  const assignments = new DynamoAssignmentRepository(documents, table);
  return {
    experiments,
    experimentSource: new CachedExperimentSource(experiments, EXPERIMENT_CACHE_MS, access.nowMs),
    allocations: new CachedAllocationSource(documents, table, access.nowMs),
    statistics: allocationStore,
    allocationStore,
    assignments,
    customers: new DynamoCustomerRepository(documents, table),
    followUps: new DynamoTimers(documents, table, 'FOLLOWUP'),
    pendingSends: new DynamoPendingSendStore(documents, table),
    journeys: options.journeys ?? new DynamoJourneyGate(documents, table),
    clock,
    ids: createIds(options.assignmentIdKey),
    seeds: cryptoSeeds,
  };
}
