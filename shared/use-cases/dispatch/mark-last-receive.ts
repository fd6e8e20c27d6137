import type { PendingAssignments } from '../ports/pending-assignments';

/**
 * What {@link markPendingOnLastReceive} did with a failed receive:
 * - `not_last`: the queue will deliver the message again; nothing written;
 * - `marked`: the last receive: the decision was put in the pending index (a decision no longer
 *   `queued`/`sending` is left alone by the write's condition), so reconciliation re-enqueues it
 *   after `STUCK_QUEUED_MS` while the message goes to the dead-letter queue;
 * - `mark_failed`: the last receive, and the write failed too: only the dead-letter queue's alarm
 *   (and a redrive) saves the decision.
 */
export type LastReceiveMark = 'not_last' | 'marked' | 'mark_failed';

/**
 * Whether a receive that failed is the message's last before the queue dead-letters it:
 * `receiveCount` (SQS's `ApproximateReceiveCount`, 1 for the first receive) has reached
 * `maxReceiveCount` (the queue's redrive policy). Without a known limit no receive is the last.
 */
export function isLastReceive(receiveCount: number, maxReceiveCount: number | undefined): boolean {
  return maxReceiveCount !== undefined && receiveCount >= maxReceiveCount;
}

/**
 * Called when a dispatch message's receive failed: on its last receive, puts the decision where
 * reconciliation looks (one conditional write, best effort: its error is swallowed and reported
 * as `mark_failed`, the dispatch's error is what the caller reports). Covers a decision that every
 * receive failed to claim (it stays `queued`, unseen by reconciliation, when the dispatch's own
 * mark failed too); a decision already sent, failed or cancelled is left as it is.
 */
export async function markPendingOnLastReceive(
  pending: Pick<PendingAssignments, 'markPending'>,
  assignmentId: string,
  receiveCount: number,
  maxReceiveCount: number | undefined,
): Promise<LastReceiveMark> {
  if (!isLastReceive(receiveCount, maxReceiveCount)) return 'not_last';
  try {
    await pending.markPending([assignmentId]);
    return 'marked';
  } catch {
    return 'mark_failed';
  }
}
