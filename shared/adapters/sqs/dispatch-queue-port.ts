/** The send path's `DispatchQueue` port implemented over {@link SqsDispatchQueue}. */
import type { DispatchQueue } from '../../use-cases/ports/dispatch-queue';
import type { DispatchMessage } from './dispatch-message';
import type { SqsDispatchQueue } from './sqs-dispatch-queue';

/** Adapts the SQS queue to the send path's port (batches of ten, failed assignment ids returned). */
export function sqsDispatchQueuePort(queue: SqsDispatchQueue): DispatchQueue {
  return {
    async enqueue(requests) {
      const messages: DispatchMessage[] = requests.map(({ assignmentId, experimentId }) => ({ assignmentId, experimentId }));
      const { failed } = await queue.enqueueBatch(messages);
      return failed.map((entry) => entry.message.assignmentId);
    },
  };
}
