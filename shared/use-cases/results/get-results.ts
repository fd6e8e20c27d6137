import { NotFoundError } from '../../domain/errors/channel-lab-error';
import { buildResults } from '../../domain/results/build-results';
import { ifNoneMatchHits, resultsEtag, resultsMaxAgeSeconds, type ResultsVariant } from '../../domain/results/results-cache';
import type { ExperimentResults } from '../../domain/results/results-schema';
import type { AllocationStore } from '../ports/allocation-ports';
import type { ExperimentRepository } from '../ports/experiment-repository';

/** What the results need: two reads at most. */
export interface ResultsDependencies {
  /** Experiments (one read: the item carries the last allocation version). */
  readonly experiments: Pick<ExperimentRepository, 'getWithSummary'>;
  /** Snapshots (one read). */
  readonly allocationStore: Pick<AllocationStore, 'snapshot'>;
}

/** A results request. */
export interface ResultsRequest extends ResultsVariant {
  readonly experimentId: string;
  /** The client's `If-None-Match` header. */
  readonly ifNoneMatch?: string;
}

/** The answer: the results, or "not modified"; always with the ETag and the cache lifetime. */
export type ResultsAnswer =
  | { readonly kind: 'not_modified'; readonly etag: string; readonly maxAgeSeconds: number }
  | { readonly kind: 'results'; readonly etag: string; readonly maxAgeSeconds: number; readonly results: ExperimentResults };

/**
 * `GET /v1/experiments/{id}/results`: one read of the experiment item; if the client's ETag
 * names the experiment's version and the allocation version stored on it, 304 without a second
 * read; otherwise one read of the allocator's snapshot (none for a draft, which has none).
 * @throws NotFoundError for an unknown experiment.
 */
export async function getResults(deps: ResultsDependencies, request: ResultsRequest): Promise<ResultsAnswer> {
  const found = await deps.experiments.getWithSummary(request.experimentId);
  if (!found) throw new NotFoundError(`experiment ${request.experimentId} not found`);
  const { experiment, summary } = found;
  const variant: ResultsVariant = { format: request.format, ...(request.since === undefined ? {} : { since: request.since }) };
  const maxAgeSeconds = resultsMaxAgeSeconds(experiment.definition.policy.updateEveryMinutes);
  const known = resultsEtag(experiment.version, summary?.allocationVersion ?? 0, variant);
  if (ifNoneMatchHits(request.ifNoneMatch, known)) return { kind: 'not_modified', etag: known, maxAgeSeconds };
  const snapshot = experiment.status === 'draft' ? undefined : await deps.allocationStore.snapshot(experiment.id);
  const results = buildResults(experiment, snapshot, request.since === undefined ? {} : { since: request.since });
  const etag = resultsEtag(experiment.version, results.allocationVersion, variant);
  if (ifNoneMatchHits(request.ifNoneMatch, etag)) return { kind: 'not_modified', etag, maxAgeSeconds };
  return { kind: 'results', etag, maxAgeSeconds, results };
}
