import type { Clock } from '../ports/clock';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { DispatchQueue } from '../ports/dispatch-queue';
import type { FollowUpTimers } from '../ports/follow-up-timers';
import type { PendingAssignments } from '../ports/pending-assignments';

/** A `queued` assignment older than this was lost on its way to the queue: re-enqueue it. */
export const STUCK_QUEUED_MS = 10 * 60_000;
/** A `sending` assignment older than this, with no outcome noted, crashed between the provider and `sent`: report it (never resent). */
export const STUCK_SENDING_MS = 15 * 60_000;
/** Delivery watches handled per run. */
const WATCH_BATCH = 1000;

/** What reconciliation needs. */
export interface ReconciliationDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** The pending index. */
  readonly pending: PendingAssignments;
  /** Delivery watches (armed when an email is sent). */
  readonly deliveryWatches: FollowUpTimers;
  /** Dispatch queue (re-enqueue). */
  readonly queue: DispatchQueue;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
}

/** What one reconciliation run found. */
export interface ReconciliationReport {
  /** `queued` too long, or `sending` with a noted outcome: re-enqueued (dispatch is idempotent, a duplicate is harmless). */
  readonly requeued: number;
  /** `sending` too long: the outcome is unknown; reported, never resent. */
  readonly stuckSending: number;
  /** Sent without delivery news within the watch period (SES events are best effort). */
  readonly withoutDeliveryNews: number;
  /** The metric value: assignments that need a look. */
  readonly stuck: number;
}

/**
 * The periodic check for assignments stuck in `queued` (re-enqueued), stuck in `sending`
 * (reported) or sent without delivery news (reported); the edge publishes `stuck` as a metric
 * with an alarm.
 */
export async function reconcile(deps: ReconciliationDependencies): Promise<ReconciliationReport> {
  const now = deps.clock.now();
  const pending = await deps.pending.listPending();
  const age = (since: string) => now.getTime() - Date.parse(since);
  // Lost on the way to the queue, or `sending` with an outcome noted whose redeliveries ran out:
  // enqueued again (the dispatch of a noted decision applies the note, never calling the provider twice).
  const lost = pending.filter((item) => (item.status === 'queued' || item.outcomeNoted === true) && age(item.since) > STUCK_QUEUED_MS);
  const stuckSending = pending.filter((item) => item.status === 'sending' && item.outcomeNoted !== true && age(item.since) > STUCK_SENDING_MS).length;
  if (lost.length > 0) await deps.queue.enqueue(lost.map((item) => ({ assignmentId: item.id, experimentId: item.experimentId })));

  let withoutDeliveryNews = 0;
  for (const watch of await deps.deliveryWatches.due(now.toISOString(), WATCH_BATCH)) {
    const assignment = await deps.assignments.get(watch.assignmentId);
    if (assignment?.status === 'sent') withoutDeliveryNews += 1;
    await deps.deliveryWatches.remove(watch);
  }
  return { requeued: lost.length, stuckSending, withoutDeliveryNews, stuck: lost.length + stuckSending + withoutDeliveryNews };
}
