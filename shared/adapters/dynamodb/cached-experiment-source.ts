import type { Experiment } from '../../domain/experiment/experiment';
import type { ExperimentRepository } from '../../use-cases/ports/experiment-repository';
import type { ExperimentSource } from '../../use-cases/ports/experiment-source';

/** How long the hot paths trust a cached experiment (a pause takes effect within this time). */
export const EXPERIMENT_CACHE_MS = 5_000;

/**
 * States whose copy is not kept: a draft or paused experiment may start or resume any moment, and
 * a copy would refuse sends for up to {@link EXPERIMENT_CACHE_MS} after it did ("is draft").
 */
const NOT_CACHED: ReadonlySet<string> = new Set(['draft', 'paused']);

/**
 * Experiments for the send path and the dispatcher, cached per warm function for a few seconds:
 * running ones (a pause takes effect within the cache period) and finished ones; a draft, a paused
 * or an unknown experiment is read again each time, so a start or resume takes effect at once.
 */
export class CachedExperimentSource implements ExperimentSource {
  private readonly cache = new Map<string, { readonly at: number; readonly value: Experiment | undefined }>();

  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly maxAgeMs: number = EXPERIMENT_CACHE_MS,
    private readonly nowMs: () => number = () => Date.now(),
  ) {}

  async get(experimentId: string): Promise<Experiment | undefined> {
    const cached = this.cache.get(experimentId);
    if (cached && this.nowMs() - cached.at < this.maxAgeMs) return cached.value;
    const value = await this.experiments.get(experimentId);
    if (value === undefined || NOT_CACHED.has(value.status)) this.cache.delete(experimentId);
    else this.cache.set(experimentId, { at: this.nowMs(), value });
    return value;
  }

  /** Drops cached experiments. */
  clear(): void {
    this.cache.clear();
  }
}
