import type { JourneyStage } from '../../domain/experiment/journey';
import type { Experiment } from '../../domain/experiment/experiment';
import { buildTouchpointMap, type TouchpointCell, type TouchpointFilter } from '../../domain/insights/touchpoint-map';
import { mapWithConcurrency } from '../concurrency';
import type { AllocationStore } from '../ports/allocation-ports';
import type { ExperimentRepository } from '../ports/experiment-repository';

/** Experiments read per status (running, completed): the most recent ones first. */
export const MAX_TOUCHPOINT_EXPERIMENTS_PER_STATUS = 200;
/** Page size of the experiment listing. */
const LIST_PAGE = 100;
/** Snapshot reads in flight. */
const SNAPSHOT_CONCURRENCY = 8;
/** Statuses whose experiments feed the map. */
const SOURCE_STATUSES = ['running', 'completed'] as const;

/** What the touchpoint map needs. */
export interface TouchpointDependencies {
  /** Experiments (listed by status). */
  readonly experiments: Pick<ExperimentRepository, 'list'>;
  /** Snapshots (one read per experiment). */
  readonly allocationStore: Pick<AllocationStore, 'snapshot'>;
}

/** The map and what it was built from. */
export interface TouchpointAnswer {
  /** One cell per stage × segment × goal. */
  readonly cells: readonly TouchpointCell[];
  /** Experiments read. */
  readonly experimentsConsidered: number;
  /** True when more experiments existed than were read (the newest were kept). */
  readonly truncated: boolean;
}

async function listStatus(deps: TouchpointDependencies, status: (typeof SOURCE_STATUSES)[number], stage: JourneyStage | undefined): Promise<{ items: Experiment[]; truncated: boolean }> {
  const items: Experiment[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.experiments.list({ status, limit: LIST_PAGE, ...(stage ? { stage } : {}), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_TOUCHPOINT_EXPERIMENTS_PER_STATUS);
  return { items: items.slice(0, MAX_TOUCHPOINT_EXPERIMENTS_PER_STATUS), truncated: cursor !== undefined || items.length > MAX_TOUCHPOINT_EXPERIMENTS_PER_STATUS };
}

/**
 * `GET /v1/insights/touchpoints`: lists running and completed experiments (newest
 * {@link MAX_TOUCHPOINT_EXPERIMENTS_PER_STATUS} of each, filtered by stage in the query), reads
 * their snapshots (N reads, a few in flight) and combines them into the map.
 */
export async function getTouchpoints(deps: TouchpointDependencies, filter: TouchpointFilter): Promise<TouchpointAnswer> {
  const listed = await Promise.all(SOURCE_STATUSES.map((status) => listStatus(deps, status, filter.stage)));
  const experiments = listed.flatMap((entry) => entry.items);
  const snapshots = await mapWithConcurrency(experiments, SNAPSHOT_CONCURRENCY, (experiment) => deps.allocationStore.snapshot(experiment.id));
  const sources = experiments.map((experiment, index) => ({
    experimentId: experiment.id,
    name: experiment.definition.name,
    stage: experiment.definition.stage,
    goal: experiment.definition.goal.event,
    status: experiment.status,
    snapshot: snapshots[index],
  }));
  return { cells: buildTouchpointMap(sources, filter), experimentsConsidered: experiments.length, truncated: listed.some((entry) => entry.truncated) };
}
