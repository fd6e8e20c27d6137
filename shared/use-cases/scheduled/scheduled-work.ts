import { type AllocatorDependencies, type AllocatorRunReport, runAllocator } from '../allocation/run-allocation';
import { type ReleaseDependencies, releaseDeferred } from './release-deferred';

/** What one scheduled run did. */
export interface ScheduledReport extends AllocatorRunReport {
  /** Deferred sends released. */
  readonly releasedDeferred: number;
}

/**
 * The work of the one-minute schedule (the Lambda and the local platform run the same code):
 * release deferred sends, then reallocate the experiments that are due.
 */
export async function runScheduledWork(deps: AllocatorDependencies & ReleaseDependencies): Promise<ScheduledReport> {
  const releasedDeferred = await releaseDeferred(deps);
  const report = await runAllocator(deps);
  return { ...report, releasedDeferred };
}
