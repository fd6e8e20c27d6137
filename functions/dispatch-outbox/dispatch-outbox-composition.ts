import { DynamoAssignmentRepository } from '../../shared/adapters/dynamodb/assignment-repository';
import type { Config } from '../../shared/runtime/config';
import { createDispatchQueue } from '../../shared/runtime/composition/dispatch-queue';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { OutboxDependencies } from '../../shared/use-cases/dispatch/dispatch-new-decisions';
import type { DispatchQueue } from '../../shared/use-cases/ports/dispatch-queue';

/** Options of {@link composeDispatchOutbox} beyond the configuration. */
export interface DispatchOutboxCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
  /** Dispatch queue (default: SQS at `DISPATCH_QUEUE_URL`). */
  readonly queue?: DispatchQueue;
}

/** The dispatch outbox's composition root: the dispatch queue, and the decisions (to mark the refused ones pending). */
export function composeDispatchOutbox(config: Config, options: DispatchOutboxCompositionOptions = {}): OutboxDependencies {
  const { documents, table } = options.table ?? createTableAccess(config);
  return { queue: options.queue ?? createDispatchQueue(config), pending: new DynamoAssignmentRepository(documents, table) };
}
