/**
 * The send path's `DispatchQueue` port (`enqueue(requests) → ids that could not be enqueued`)
 * implemented over {@link SqsDispatchQueue}. Declared structurally, so this adapter does not
 * depend on the use-case module's file layout.
 */
import type { DispatchMessage } from './dispatch-message';
import type { SqsDispatchQueue } from './sqs-dispatch-queue';

/** What the send path enqueues. */
export interface DispatchRequestLike {
  readonly assignmentId: string;
  readonly experimentId: string;
}

/** The dispatch-queue port as the send path declares it. */
export interface DispatchQueuePort {
  /** Enqueues; returns the assignment ids that could not be enqueued. */
  enqueue(requests: readonly DispatchRequestLike[]): Promise<readonly string[]>;
}

/** Adapts the SQS queue to the send path's port (batches of ten, failed ids returned). */
export function sqsDispatchQueuePort(queue: SqsDispatchQueue): DispatchQueuePort {
  return {
    async enqueue(requests) {
      const messages: DispatchMessage[] = requests.map(({ assignmentId, experimentId }) => ({ assignmentId, experimentId }));
      const { failed } = await queue.enqueueBatch(messages);
      return failed.map((entry) => entry.message.assignmentId);
    },
  };
}
