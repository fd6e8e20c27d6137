import type { Clock } from '../ports/clock';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { DispatchQueue } from '../ports/dispatch-queue';

/** Deferred assignments released per run (the next run takes the rest). */
export const RELEASE_BATCH = 500;

/** What releasing deferred sends needs. */
export interface ReleaseDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  readonly queue: DispatchQueue;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
}

/**
 * Releases the sends deferred to the end of quiet hours whose time has come: `deferred → queued`
 * (conditional, so two runs never release one twice) and enqueued.
 * @returns how many were released.
 */
export async function releaseDeferred(deps: ReleaseDependencies): Promise<number> {
  const due = await deps.assignments.dueDeferred(deps.clock.now().toISOString(), RELEASE_BATCH);
  const released: { assignmentId: string; experimentId: string }[] = [];
  for (const assignment of due) {
    if (await deps.assignments.transition({ id: assignment.id, from: ['deferred'], to: 'queued', set: { statusChangedAt: deps.clock.now().toISOString() } })) {
      released.push({ assignmentId: assignment.id, experimentId: assignment.experimentId });
    }
  }
  if (released.length > 0) await deps.queue.enqueue(released);
  return released.length;
}
