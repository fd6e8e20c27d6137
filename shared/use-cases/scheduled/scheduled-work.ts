import { type AllocatorDependencies, type AllocatorRunReport, runAllocator } from '../allocation/run-allocation';
import { type ReleaseDependencies, releaseDeferred } from './release-deferred';
import { type FollowUpDependencies, type FollowUpReport, runFollowUps } from '../follow-ups/follow-up-on-silence';
import { type FireDependencies, type FireReport, firePendingSends } from '../triggers/fire-pending-sends';

/** What one scheduled run did. */
export interface ScheduledReport extends AllocatorRunReport, FollowUpReport, FireReport {
  /** Deferred sends released. */
  readonly releasedDeferred: number;
}

/** What the scheduled work needs: firing triggered sends, reallocating, releasing deferred sends, following up. */
export type ScheduledWorkDependencies = AllocatorDependencies & ReleaseDependencies & FollowUpDependencies & FireDependencies;

/**
 * The work of the one-minute schedule (the Lambda and the local platform run the same code): fire
 * the triggered sends that are due (first: they have a time to keep), release deferred sends,
 * follow up on silence, then reallocate the experiments that are due.
 */
export async function runScheduledWork(deps: ScheduledWorkDependencies): Promise<ScheduledReport> {
  const fired = await firePendingSends(deps);
  const releasedDeferred = await releaseDeferred(deps);
  const followUps = await runFollowUps(deps);
  const report = await runAllocator(deps);
  return { ...report, ...followUps, ...fired, releasedDeferred };
}
