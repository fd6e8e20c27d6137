import { DynamoAssignmentRepository } from '../../adapters/dynamodb/assignment-repository';
import { CachedExperimentSource, EXPERIMENT_CACHE_MS } from '../../adapters/dynamodb/cached-experiment-source';
import { DynamoCustomerRepository } from '../../adapters/dynamodb/customer-repository';
import { DynamoEventStore } from '../../adapters/dynamodb/event-store';
import { DynamoExperimentRepository } from '../../adapters/dynamodb/experiment-repository';
import type { EventDependencies } from '../../use-cases/events/record-events';
import type { IdGenerator } from '../../use-cases/ports/clock';
import { cryptoIds } from '../system-clock';
import type { TableAccess } from './table-access';

/**
 * The adapters of recording responses (API events, tracking links, SES events).
 * @param ids - with the assignment-id key where events may name their decision by experiment + customer (the API); others resolve by assignment or message id.
 */
export function createEventAdapters(access: TableAccess, ids: IdGenerator = cryptoIds): EventDependencies {
  const { documents, table } = access;
  return {
    assignments: new DynamoAssignmentRepository(documents, table),
    experimentSource: new CachedExperimentSource(new DynamoExperimentRepository(documents, table), EXPERIMENT_CACHE_MS, access.nowMs),
    customers: new DynamoCustomerRepository(documents, table),
    events: new DynamoEventStore(documents, table),
    clock: access.clock,
    ids,
  };
}
