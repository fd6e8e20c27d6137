import { CachedListeningExperiments } from '../../shared/adapters/dynamodb/cached-listening-experiments';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoJourneyGate } from '../../shared/adapters/dynamodb/dynamo-journey-gate';
import { DynamoExperimentRepository } from '../../shared/adapters/dynamodb/experiment-repository';
import { DynamoPendingSendStore } from '../../shared/adapters/dynamodb/pending-send-store';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import { cryptoIds } from '../../shared/runtime/system-clock';
import type { JourneyGate } from '../../shared/use-cases/ports/journey-gate';
import type { CustomerEventDependencies } from '../../shared/use-cases/triggers/record-customer-event';

/** Options of {@link composeCustomerEvents} beyond the configuration. */
export interface CustomerEventsCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Journeys' gate, told when a customer enters a stage (default: the journeys in the table). */
  readonly journeys?: JourneyGate;
}

/**
 * The customer-events function's composition root: what recording a customer event needs (the
 * listening experiments, customers, pending sends). It reads no secret: pending ids are public
 * hashes of experiment and event ids, and no decision is made here.
 */
export function composeCustomerEvents(config: Config, options: CustomerEventsCompositionOptions = {}): CustomerEventDependencies {
  const access = options.table ?? createTableAccess(config);
  const { documents, table } = access;
  return {
    listening: new CachedListeningExperiments(new DynamoExperimentRepository(documents, table), access.nowMs),
    customers: new DynamoCustomerRepository(documents, table),
    pendingSends: new DynamoPendingSendStore(documents, table),
    journeys: options.journeys ?? new DynamoJourneyGate(documents, table),
    clock: access.clock,
    ids: cryptoIds,
  };
}
