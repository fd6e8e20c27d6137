import type { DispatchQueue, DispatchRequest } from '../ports/dispatch-queue';
import type { PendingAssignments } from '../ports/pending-assignments';

/**
 * The dispatch outbox: a decision's put is the only write its request makes, and the table's
 * stream carries each new `queued` decision here (and each release of a deferred one), to be sent
 * to the dispatch queue in batches.
 * The put and the enqueue can no longer diverge: a decision stored is a decision enqueued, or a
 * decision marked for reconciliation, or a stream record Lambda delivers again.
 */

/** A decision the table's stream shows inserted in `queued`, or released from `deferred` to `queued`: a message to dispatch. */
export interface NewDecision {
  /** Sequence number of its stream record (what a failure is reported by, so the record comes again). */
  readonly sequenceNumber: string;
  readonly assignmentId: string;
  readonly experimentId: string;
}

/** What the outbox needs. */
export interface OutboxDependencies {
  /** The dispatch queue (SQS: `SendMessageBatch`, ten per request). */
  readonly queue: DispatchQueue;
  /** Where a decision the queue refused is put for reconciliation to re-enqueue. */
  readonly pending: Pick<PendingAssignments, 'markPending'>;
}

/** What one batch did. */
export interface OutboxReport {
  /** Decisions the queue accepted. */
  readonly enqueued: number;
  /** Decisions the queue refused, marked pending: reconciliation re-enqueues them. */
  readonly markedPending: readonly string[];
  /**
   * When refused decisions could not be marked either: the first of their stream records (the
   * stream is retried from there, so nothing is lost), and why.
   */
  readonly stoppedAt?: { readonly sequenceNumber: string; readonly error: unknown };
}

/** Error of a refused enqueue that could not be marked pending either. */
export class UndispatchedDecisionsError extends Error {
  override readonly name = 'UndispatchedDecisionsError';
  /** @param assignmentIds - the decisions neither enqueued nor marked; @param cause - why marking failed. */
  constructor(
    readonly assignmentIds: readonly string[],
    cause: unknown,
  ) {
    super(`decisions ${assignmentIds.join(', ')} were refused by the dispatch queue and could not be marked for reconciliation: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The decisions of a batch once each (a stream batch delivered again, or overlapping, repeats records). */
function once(decisions: readonly NewDecision[]): NewDecision[] {
  const seen = new Set<string>();
  return decisions.filter((decision) => (seen.has(decision.assignmentId) ? false : (seen.add(decision.assignmentId), true)));
}

/** Asks the queue; a call that throws refused every request. */
async function enqueueAll(queue: DispatchQueue, requests: readonly DispatchRequest[]): Promise<ReadonlySet<string>> {
  try {
    return new Set(await queue.enqueue(requests));
  } catch {
    return new Set(requests.map((request) => request.assignmentId));
  }
}

/**
 * Sends a batch's new decisions to the dispatch queue. The decisions the queue refuses (or all,
 * when its call throws) are marked pending, where reconciliation finds and re-enqueues them; when
 * that fails too, the report names the first of their records, for the stream to deliver again.
 * A decision enqueued twice (a redelivered batch) is sent once: the dispatcher's claim is conditional.
 */
export async function dispatchNewDecisions(deps: OutboxDependencies, decisions: readonly NewDecision[]): Promise<OutboxReport> {
  const unique = once(decisions);
  if (unique.length === 0) return { enqueued: 0, markedPending: [] };
  const refused = await enqueueAll(deps.queue, unique.map(({ assignmentId, experimentId }) => ({ assignmentId, experimentId })));
  const enqueued = unique.length - refused.size;
  if (refused.size === 0) return { enqueued, markedPending: [] };
  const ids = [...refused];
  try {
    await deps.pending.markPending(ids);
    return { enqueued, markedPending: ids };
  } catch (error) {
    const first = unique.find((decision) => refused.has(decision.assignmentId))!;
    return { enqueued, markedPending: [], stoppedAt: { sequenceNumber: first.sequenceNumber, error: new UndispatchedDecisionsError(ids, error) } };
  }
}
