import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseDispatchRecords } from '../../shared/adapters/sqs';
import { type DispatchDependencies, dispatchAssignment, type DispatchOutcome } from '../../shared/use-cases/dispatch/dispatch-assignment';

/** One structured log line (CloudWatch). */
function log(level: 'INFO' | 'WARN' | 'ERROR', message: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ level, message, ...fields }));
}

/**
 * Invocation time kept back from the provider calls: enough to return a timed-out decision to
 * `queued` and answer SQS before Lambda stops the function.
 */
export const DISPATCH_RESERVE_MS = 2_000;

/**
 * The dispatcher: delivers each queued assignment of an SQS batch and reports partial batch
 * failures, so only the messages that failed transiently are redelivered. Malformed messages are
 * logged and dropped (redelivering them cannot help).
 */
export function createDispatcherHandler(deps: DispatchDependencies) {
  return middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: 0 }).handler(async (event, context) => {
    // Every provider call of the batch shares the invocation's remaining time, less the reserve.
    const budgetMs = Math.max(0, context.getRemainingTimeInMillis() - DISPATCH_RESERVE_MS);
    const { messages, invalid } = parseDispatchRecords(event.Records);
    for (const record of invalid) log('WARN', 'dropping a malformed dispatch message', { ...record });
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    await Promise.all(
      messages.map(async ({ messageId, message, receiveCount }) => {
        try {
          const outcome: DispatchOutcome = await dispatchAssignment(deps, message.assignmentId, { budgetMs });
          log('INFO', 'dispatched', { assignmentId: message.assignmentId, outcome, receiveCount });
        } catch (error) {
          log('WARN', 'dispatch failed, will retry', { assignmentId: message.assignmentId, receiveCount, error: error instanceof Error ? error.message : String(error) });
          failures.push({ itemIdentifier: messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  });
}
