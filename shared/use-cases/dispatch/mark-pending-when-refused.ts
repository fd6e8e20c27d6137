import type { DispatchQueue } from '../ports/dispatch-queue';
import type { PendingAssignments } from '../ports/pending-assignments';

/**
 * The dispatch queue, with what it did not take put where reconciliation looks: a new decision is
 * stored without a pending-index entry (the common path writes none), so the ids the queue refuses
 * are marked pending before they are returned, and when the enqueue throws (nothing is known to be
 * enqueued) every id is marked before the error is rethrown. A decision marked that was enqueued
 * after all is harmless: the dispatch's claim is conditional. If marking fails too, that error is
 * what the caller gets for a refusal; for a thrown enqueue the enqueue's error is rethrown.
 */
export function markPendingWhenRefused(queue: DispatchQueue, pending: Pick<PendingAssignments, 'markPending'>): DispatchQueue {
  return {
    async enqueue(requests) {
      let refused: readonly string[];
      try {
        refused = await queue.enqueue(requests);
      } catch (error) {
        await pending.markPending(requests.map((request) => request.assignmentId)).catch(() => undefined);
        throw error;
      }
      if (refused.length > 0) await pending.markPending(refused);
      return refused;
    },
  };
}
