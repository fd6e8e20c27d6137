import type { Clock } from '../ports/clock';
import type { AssignmentRepository } from '../ports/assignment-repository';

/** Deferred assignments released per run (the next run takes the rest). */
export const RELEASE_BATCH = 500;

/** What releasing deferred sends needs. */
export interface ReleaseDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
}

/**
 * Releases the sends deferred to the end of quiet hours whose time has come: `deferred → queued`
 * (conditional, so two runs never release one twice). The release enqueues nothing itself: its
 * status write is the table stream record the dispatch outbox sends to the dispatch queue, so a
 * run stopped right after it loses nothing.
 * @returns how many were released.
 */
export async function releaseDeferred(deps: ReleaseDependencies): Promise<number> {
  const due = await deps.assignments.dueDeferred(deps.clock.now().toISOString(), RELEASE_BATCH);
  let released = 0;
  for (const assignment of due) {
    if (await deps.assignments.transition({ id: assignment.id, from: ['deferred'], to: 'queued', set: { statusChangedAt: deps.clock.now().toISOString() } })) released += 1;
  }
  return released;
}
