import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { newDecisionsOf } from '../../shared/adapters/dynamodb/new-decision-records';
import { changeOf } from '../../shared/adapters/dynamodb/stream-records';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { dispatchNewDecisions, type OutboxDependencies } from '../../shared/use-cases/dispatch/dispatch-new-decisions';

/**
 * The dispatch outbox: sends the decisions a batch of table stream records inserted in `queued` (or released from `deferred`) to
 * the dispatch queue (see `dispatchNewDecisions`). Refused ones are marked for reconciliation; when
 * that fails too, the first of their records is the batch's failure, so Lambda delivers the batch
 * again from there; after the mapping's retries its location goes to the alarmed on-failure queue.
 */
export function createDispatchOutboxHandler(deps: OutboxDependencies, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<DynamoDBStreamEvent, DynamoDBBatchResponse>({ timeoutEarlyInMillis: 0 }).use(injectLambdaContext(logger)).handler(async (event) => {
    const decisions = newDecisionsOf(event.Records.map(changeOf));
    const { stoppedAt, enqueued, markedPending } = await dispatchNewDecisions(deps, decisions);
    const figures = { records: event.Records.length, decisions: decisions.length, enqueued, markedPending: markedPending.length };
    if (markedPending.length > 0) logger.warn('the dispatch queue refused decisions: marked for reconciliation', { ...figures, assignmentIds: markedPending });
    if (!stoppedAt) {
      logger.info('dispatched', figures);
      return { batchItemFailures: [] };
    }
    logger.error('decisions neither enqueued nor marked: retried from this record', { ...figures, sequenceNumber: stoppedAt.sequenceNumber, error: stoppedAt.error instanceof Error ? stoppedAt.error.message : String(stoppedAt.error) });
    return { batchItemFailures: [{ itemIdentifier: stoppedAt.sequenceNumber }] };
  });
}
