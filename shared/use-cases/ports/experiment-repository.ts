import type { Experiment } from '../../domain/experiment/experiment';
import type { ExperimentStatus } from '../../domain/experiment/lifecycle';
import type { JourneyStage } from '../../domain/experiment/journey';
import type { StoredSummary } from '../../domain/results/experiment-summary';

/** Filters and paging of an experiment listing. */
export interface ExperimentQuery {
  /** Only experiments in this state. */
  readonly status?: ExperimentStatus;
  /** Only experiments for this journey stage. */
  readonly stage?: JourneyStage;
  /** Page size. */
  readonly limit: number;
  /** Opaque cursor from the previous page. */
  readonly cursor?: string;
}

/** One page of experiments, newest first. */
export interface ExperimentPage {
  /** The experiments of this page. */
  readonly items: readonly Experiment[];
  /** Cursor of the next page, absent on the last page. */
  readonly nextCursor?: string;
  /** The results summary the allocator stored, per experiment id (absent before the first allocation). */
  readonly summaries?: Readonly<Record<string, StoredSummary>>;
}

/** An experiment with the results summary the allocator stored on it. */
export interface ExperimentWithSummary {
  readonly experiment: Experiment;
  /** The summary, absent before the first allocation. */
  readonly summary?: StoredSummary;
}

/** What storing a new experiment did. */
export type ExperimentCreateOutcome =
  | { readonly outcome: 'created' }
  /** The id is taken: an idempotent repeat, or another request with the same key (its fingerprint tells). */
  | { readonly outcome: 'exists'; readonly stored: Experiment; readonly requestFingerprint?: string };

/** Where experiments are stored. */
export interface ExperimentRepository {
  /**
   * Stores a new experiment.
   * @returns `created`, or `exists` with the experiment already stored under this id and the
   * fingerprint of the request that created it (nothing written; no second read).
   */
  create(experiment: Experiment, requestFingerprint?: string): Promise<ExperimentCreateOutcome>;
  /** The experiment, or `undefined`. */
  get(id: string): Promise<Experiment | undefined>;
  /**
   * Replaces an experiment if its stored version is still `expectedVersion`.
   * @throws ConcurrentModificationError otherwise.
   */
  save(experiment: Experiment, expectedVersion: number): Promise<void>;
  /** A page of experiments, newest first. */
  list(query: ExperimentQuery): Promise<ExperimentPage>;
  /** The experiment and its stored results summary, in one read. */
  getWithSummary(id: string): Promise<ExperimentWithSummary | undefined>;
  /**
   * Stores the results summary on the experiment without touching its `version` (the allocator,
   * after each allocation). An older summary never replaces a newer one; a missing experiment is ignored.
   */
  saveSummary(id: string, summary: StoredSummary): Promise<void>;
}
