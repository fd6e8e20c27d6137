import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { parseDispatchRecords } from '../../shared/adapters/sqs';
import { type DispatchDependencies, dispatchAssignment, type DispatchOutcome } from '../../shared/use-cases/dispatch/dispatch-assignment';
import { markPendingOnLastReceive } from '../../shared/use-cases/dispatch/mark-last-receive';

/**
 * Invocation time kept back from the provider calls: enough to return a timed-out decision to
 * `queued` and answer SQS before Lambda stops the function.
 */
export const DISPATCH_RESERVE_MS = 2_000;

/** Settings of the dispatcher's queue that the handler acts on. */
export interface DispatcherHandlerOptions {
  /**
   * The queue's `maxReceiveCount` (its redrive policy; `DISPATCH_MAX_RECEIVE_COUNT`): a message
   * that fails on this receive goes to the dead-letter queue, so its decision is first put in the
   * pending index. Without it no receive is treated as the last.
   */
  readonly maxReceiveCount?: number;
}

/**
 * The dispatcher: delivers each queued assignment of an SQS batch and reports partial batch
 * failures, so only the failed messages are redelivered. A message that failed transiently is
 * retried; a malformed one (not JSON, not a dispatch message) is reported too, logged with its
 * reason, so that after the queue's receive limit it lands in the dead-letter queue (alarmed) with
 * its body, instead of vanishing. A well-formed message whose assignment does not exist is logged
 * (WARN) and not retried: there is nothing to deliver. A message that fails on its last receive
 * (`maxReceiveCount`) has its decision put in the pending index first (one conditional write, best
 * effort), so reconciliation re-enqueues it even when no receive reached the claim; the message
 * still goes to the dead-letter queue, whose alarm fires.
 */
export function createDispatcherHandler(deps: DispatchDependencies, { logger }: Pick<Observability, 'logger'> = createLogger(), { maxReceiveCount }: DispatcherHandlerOptions = {}) {
  return middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: 0 }).use(injectLambdaContext(logger)).handler(async (event, context) => {
    // Every provider call of the batch shares the invocation's remaining time, less the reserve.
    const budgetMs = Math.max(0, context.getRemainingTimeInMillis() - DISPATCH_RESERVE_MS);
    const { messages, invalid } = parseDispatchRecords(event.Records);
    for (const record of invalid) logger.error('malformed dispatch message: reported for redelivery, then the dead-letter queue', { ...record });
    const failures: SQSBatchResponse['batchItemFailures'] = invalid.map((record) => ({ itemIdentifier: record.messageId }));
    await Promise.all(
      messages.map(async ({ messageId, message, receiveCount }) => {
        try {
          const outcome: DispatchOutcome = await dispatchAssignment(deps, message.assignmentId, { budgetMs });
          if (outcome === 'unknown') logger.warn('no such assignment: nothing to deliver', { assignmentId: message.assignmentId, outcome, receiveCount });
          else logger.info('dispatched', { assignmentId: message.assignmentId, outcome, receiveCount });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const lastReceive = await markPendingOnLastReceive(deps.pending, message.assignmentId, receiveCount, maxReceiveCount);
          if (lastReceive === 'not_last') logger.warn('dispatch failed, will retry', { assignmentId: message.assignmentId, receiveCount, error: reason });
          else logger.error('dispatch failed on its last receive: the message goes to the dead-letter queue', { assignmentId: message.assignmentId, receiveCount, lastReceive, error: reason });
          failures.push({ itemIdentifier: messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  });
}
