import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import { DynamoTimers } from '../../shared/adapters/dynamodb/timers';
import type { Config } from '../../shared/runtime/config';
import { createDispatchQueue } from '../../shared/runtime/composition/dispatch-queue';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { DispatchQueue } from '../../shared/use-cases/ports/dispatch-queue';
import type { ReconciliationDependencies } from '../../shared/use-cases/reconciliation/reconcile';

/** Options of {@link composeReconciliation} beyond the configuration. */
export interface ReconciliationCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Dispatch queue (default: SQS at `DISPATCH_QUEUE_URL`). */
  readonly queue?: DispatchQueue;
}

/** The reconciliation function's composition root: pending decisions, delivery watches, the queue. */
export function composeReconciliation(config: Config, options: ReconciliationCompositionOptions = {}): ReconciliationDependencies {
  const { documents, table, clock } = options.table ?? createTableAccess(config);
  const assignments = new DynamoAssignmentRepository(documents, table);
  return {
    assignments,
    pending: assignments,
    deliveryWatches: new DynamoTimers(documents, table, 'DELIVERYWATCH'),
    queue: options.queue ?? createDispatchQueue(config),
    clock,
  };
}
