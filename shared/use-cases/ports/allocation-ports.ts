import type { CohortCounter } from '../../domain/statistics/cohort-counters';
import type { AllocationRecord, HistoryPoint, ResultsSnapshot } from '../../domain/statistics/allocation-record';

/** Reads an experiment's statistics counters (all shards). */
export interface StatisticsReader {
  /** Every counter item of the experiment (shards not merged). */
  read(experimentId: string): Promise<readonly CohortCounter[]>;
}

/** Where allocations, history and results snapshots are kept. */
export interface AllocationStore {
  /** The current allocation record (strongly consistent), or undefined before the first run. */
  current(experimentId: string): Promise<AllocationRecord | undefined>;
  /** The current results snapshot, or undefined. */
  snapshot(experimentId: string): Promise<ResultsSnapshot | undefined>;
  /**
   * Writes a new allocation (its version must follow the current one), its history points and the
   * results snapshot, atomically.
   * @returns false when another run wrote this version first (nothing written).
   */
  save(record: AllocationRecord, history: readonly HistoryPoint[], snapshot: ResultsSnapshot): Promise<boolean>;
}
