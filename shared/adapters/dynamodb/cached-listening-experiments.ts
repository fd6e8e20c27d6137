import type { Experiment } from '../../domain/experiment/experiment';
import type { ExperimentStatus } from '../../domain/experiment/lifecycle';
import type { ExperimentRepository } from '../../use-cases/ports/experiment-repository';
import type { ListeningExperiments } from '../../use-cases/ports/listening-experiments';

/** How long a warm function trusts its list of listening experiments (a start or a pause takes effect within it). */
export const LISTENING_CACHE_MS = 5_000;
/** Page size of the listing. */
const PAGE_SIZE = 100;
/** States whose triggers or exits apply. */
const LISTENING_STATUSES: readonly ExperimentStatus[] = ['running', 'paused'];

/**
 * The running and paused experiments with a trigger or exits, from the status index, cached per
 * warm function for {@link LISTENING_CACHE_MS} (one listing per status per period, however many
 * events arrive).
 */
export class CachedListeningExperiments implements ListeningExperiments {
  private cached: { readonly at: number; readonly value: Promise<readonly Experiment[]> } | undefined;

  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly nowMs: () => number,
    private readonly maxAgeMs: number = LISTENING_CACHE_MS,
  ) {}

  async list(): Promise<readonly Experiment[]> {
    const now = this.nowMs();
    if (this.cached && now - this.cached.at < this.maxAgeMs) return this.cached.value;
    const value = this.load();
    this.cached = { at: now, value };
    value.catch(() => (this.cached = undefined));
    return value;
  }

  private async load(): Promise<readonly Experiment[]> {
    const found: Experiment[] = [];
    for (const status of LISTENING_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await this.experiments.list({ status, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
        found.push(...page.items.filter((experiment) => experiment.definition.trigger !== undefined || (experiment.definition.exits ?? []).length > 0));
        cursor = page.nextCursor;
      } while (cursor);
    }
    return found;
  }

  /** Drops the cached list (tests, the local platform). */
  clear(): void {
    this.cached = undefined;
  }
}
