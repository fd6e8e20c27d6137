import { type JourneyCountsReport, journeyCountsReport } from '../../domain/journeys/journey-counts';
import { journeyExperimentIds } from '../../domain/journeys/journey-definition';
import type { Clock } from '../ports/clock';
import type { JourneyRepository } from '../ports/journey-repository';
import type { PendingSendStore } from '../ports/pending-sends';
import { getJourney } from './journey-service';

/** What the live counts of a journey need. */
export interface JourneyCountsDependencies {
  readonly journeyRepository: Pick<JourneyRepository, 'get'>;
  /** The engine's per-experiment trigger counts. */
  readonly pendingSends: Pick<PendingSendStore, 'counts'>;
  /** Injected clock (when the counts were read). */
  readonly clock: Clock;
}

/** Live counts of a journey: triggered, waiting, sent, suppressed, exited by reason, per stage and experiment. */
export async function getJourneyCounts(deps: JourneyCountsDependencies, id: string): Promise<JourneyCountsReport> {
  const journey = await getJourney(deps, id);
  const ids = journeyExperimentIds(journey);
  const counts = await Promise.all(ids.map(async (experimentId) => [experimentId, await deps.pendingSends.counts(experimentId)] as const));
  return journeyCountsReport(journey, new Map(counts), deps.clock.now().toISOString());
}
