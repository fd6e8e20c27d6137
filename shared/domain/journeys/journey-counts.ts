import type { JourneyStage } from '../experiment/journey';
import { EMPTY_TRIGGER_COUNTS, EXIT_REASONS, type TriggerCounts } from '../triggers/pending-send';
import type { Journey } from './journey-definition';

/** Two experiments' (or stages') trigger counts added up. */
export function addCounts(a: TriggerCounts, b: TriggerCounts): TriggerCounts {
  const byReason: TriggerCounts['exited']['byReason'] = {};
  for (const reason of EXIT_REASONS) {
    const sum = (a.exited.byReason[reason] ?? 0) + (b.exited.byReason[reason] ?? 0);
    if (sum > 0) byReason[reason] = sum;
  }
  return {
    triggered: a.triggered + b.triggered,
    waiting: a.waiting + b.waiting,
    sent: a.sent + b.sent,
    suppressed: a.suppressed + b.suppressed,
    exited: { total: a.exited.total + b.exited.total, byReason },
  };
}

/** Counts of a journey: per stage and experiment, each stage added up, and the whole journey. */
export interface JourneyCountsReport {
  readonly journeyId: string;
  /** ISO instant the counts were read. */
  readonly at: string;
  /** Each stage in journey order. */
  readonly stages: readonly {
    readonly stage: JourneyStage;
    readonly experiments: readonly { readonly experimentId: string; readonly counts: TriggerCounts }[];
    readonly counts: TriggerCounts;
  }[];
  /** The whole journey. */
  readonly counts: TriggerCounts;
}

/** The journey's counts report from each experiment's trigger counts (an experiment without counts has none yet). */
export function journeyCountsReport(journey: Pick<Journey, 'id' | 'stages'>, countsByExperiment: ReadonlyMap<string, TriggerCounts>, at: string): JourneyCountsReport {
  const stages = journey.stages.map(({ stage, experimentIds }) => {
    const experiments = experimentIds.map((experimentId) => ({ experimentId, counts: countsByExperiment.get(experimentId) ?? EMPTY_TRIGGER_COUNTS }));
    return { stage, experiments, counts: experiments.reduce((sum, { counts }) => addCounts(sum, counts), EMPTY_TRIGGER_COUNTS) };
  });
  return { journeyId: journey.id, at, stages, counts: stages.reduce((sum, { counts }) => addCounts(sum, counts), EMPTY_TRIGGER_COUNTS) };
}
