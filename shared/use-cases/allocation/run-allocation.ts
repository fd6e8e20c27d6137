import { computeAllocation, floorShare, type SegmentAllocation } from '../../domain/bandit';
import { countersSince, detectChanges, evidenceStarts } from '../../domain/statistics/change-points';
import type { Channel } from '../../domain/experiment/channels';
import { applyAction, type Experiment } from '../../domain/experiment/experiment';
import { segmentNames } from '../../domain/experiment/experiment-definition';
import { NotFoundError, InvalidStateError } from '../../domain/errors/channel-lab-error';
import { summarizeSnapshot } from '../../domain/results/experiment-summary';
import { reportedEstimates, type ReportedEstimate } from '../../domain/results/reported-estimate';
import type { AllocationRecord, ArmResult, DetectedChangeRecord, HistoryPoint, ResultsSnapshot, SegmentSplit } from '../../domain/statistics/allocation-record';
import { aggregateCounters, type AggregatedStatistics } from '../../domain/statistics/cohort-counters';
import type { AllocationStore, StatisticsReader } from '../ports/allocation-ports';
import type { Clock } from '../ports/clock';
import type { ExperimentRepository } from '../ports/experiment-repository';
import type { SeedSource } from '../ports/seed-source';

/** What the allocator needs. */
export interface AllocatorDependencies {
  readonly experiments: ExperimentRepository;
  /** Counters. */
  readonly statistics: StatisticsReader;
  /** Allocations and snapshots. */
  readonly allocationStore: AllocationStore;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  readonly seeds: SeedSource;
}

/** History points kept inside the snapshot (per segment: the snapshot stays well under 400 KB). */
export const SNAPSHOT_HISTORY_POINTS_PER_SEGMENT = 96;
/** Minutes in an hour. */
const MINUTES_PER_HOUR = 60;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;
/** Experiments listed per page when the allocator scans the running ones. */
const SCAN_PAGE = 100;

/** Changes detected so far, per segment, from the previous snapshot (a fresh copy). */
function previousChanges(snapshot: ResultsSnapshot | undefined): Record<string, DetectedChangeRecord[]> {
  const changes: Record<string, DetectedChangeRecord[]> = {};
  for (const segment of snapshot?.segments ?? []) if (segment.changes?.length) changes[segment.segment] = [...segment.changes];
  return changes;
}

/** The weights with a declared winner exploited: every other arm keeps the settled floor (a quarter of `minShare`). */
function exploitWeights(channels: readonly Channel[], winner: Channel, minShare: number): Partial<Record<Channel, number>> {
  const floor = floorShare(minShare, true);
  return Object.fromEntries(channels.map((channel) => [channel, channel === winner ? 1 - floor * (channels.length - 1) : floor]));
}

function armResults(segment: SegmentAllocation, weights: Partial<Record<Channel, number>>, stats: AggregatedStatistics, reported: readonly ReportedEstimate[] | undefined): ArmResult[] {
  const counted = stats.segments.find((s) => s.segment === segment.segment)?.arms;
  return segment.arms.map((arm, index) => {
    // The rate and interval shown are the reported estimate (calibrated); the split and P(best) are the allocator's.
    const estimate = reported?.[index];
    const value = stats.values[segment.segment]?.[arm.channel];
    // Counts are all that was sent and answered, even when change detection set older sends aside.
    const all = counted?.find((a) => a.channel === arm.channel) ?? arm;
    return {
      channel: arm.channel,
      sends: all.sends,
      maturedSends: all.maturedSends,
      responses: all.successes,
      rate: estimate?.rate ?? arm.posteriorMean,
      ci95: estimate?.ci95 ?? arm.credibleInterval,
      probabilityBest: arm.probabilityBest,
      expectedLoss: arm.expectedLoss,
      weight: weights[arm.channel] ?? 0,
      ipwRate: value && value.ipwSends > 0 ? value.ipwSuccesses / value.ipwSends : null,
      ...(value && value.count > 0 ? { value: { count: value.count, mean: value.sum / value.count } } : {}),
      failed: value?.failures ?? 0,
    };
  });
}

/**
 * Recomputes one experiment's allocation now: reads its counters, runs the bandit core per segment
 * (late-response correction, empirical-Bayes sharing, floor, burn-in, stopping rule), applies a
 * declared winner (exploited with the floor kept, or ignored while learning continues, per the
 * experiment's `onWinner`), and writes the new versioned allocation with its seed, a history point
 * per segment and the results snapshot, atomically. `known.previous` is the current allocation
 * when the caller has just read it (it is then not read again).
 */
export async function reallocate(deps: AllocatorDependencies, experiment: Experiment, known?: { readonly previous: AllocationRecord | undefined }): Promise<AllocationRecord> {
  const now = deps.clock.now();
  const { definition } = experiment;
  const channels = definition.channels.map((content) => content.channel);
  const segments = segmentNames(definition);
  const counters = await deps.statistics.read(experiment.id);
  const aggregation = { now, windowHours: definition.goal.windowHours, channels, segments };
  const stats = aggregateCounters(counters, aggregation);
  // The scheduled run has just read the current allocation to see whether it is due: not read twice.
  const previous = known ? known.previous : await deps.allocationStore.current(experiment.id);
  const previousSnapshot = previous ? await deps.allocationStore.snapshot(experiment.id) : undefined;
  // Change detection (a policy option, on by default): each arm counts only the cohorts since its
  // last detected change. Off, every send counts and earlier detections no longer apply.
  const detecting = definition.policy.changeDetection;
  const changes = detecting ? previousChanges(previousSnapshot) : {};
  const detected = detecting ? detectChanges(countersSince(counters, evidenceStarts(changes)), aggregation) : [];
  for (const { segment, change } of detected) changes[segment] = [...(changes[segment] ?? []), change];
  const recent = detected.length === 0 && Object.keys(changes).length === 0 ? stats : aggregateCounters(countersSince(counters, evidenceStarts(changes)), aggregation);
  const seed = deps.seeds.nextSeed();
  const allocation = computeAllocation({
    channels,
    policy: {
      type: definition.policy.type,
      minShare: definition.policy.minShare,
      burnIn: definition.policy.burnIn,
      holdout: definition.policy.holdout,
      sharing: definition.policy.sharing,
      changeDetection: detecting,
      ...(definition.policy.epsilon !== undefined ? { epsilon: definition.policy.epsilon } : {}),
    },
    stopping: { probabilityBest: definition.stopping.probabilityBest, maxExpectedLoss: definition.stopping.maxExpectedLoss },
    segments: recent.segments,
    seed,
    windowMinutes: definition.goal.windowHours * MINUTES_PER_HOUR,
  });
  const reported = reportedEstimates({ channels, segments: recent.segments, windowMinutes: definition.goal.windowHours * MINUTES_PER_HOUR });
  const at = now.toISOString();
  const splits: Record<string, SegmentSplit> = {};
  const history: HistoryPoint[] = [];
  const snapshotSegments: ResultsSnapshot['segments'][number][] = [];
  for (const segment of allocation.segments) {
    const exploit = segment.winner !== null && definition.stopping.onWinner === 'exploit';
    const weights = exploit && segment.winner ? exploitWeights(channels, segment.winner, definition.policy.minShare) : { ...segment.weights };
    const before = previous?.segments[segment.segment];
    splits[segment.segment] = {
      weights,
      holdout: segment.holdoutShare,
      winner: segment.winner,
      ...(segment.winner !== null ? { winnerSince: before?.winner === segment.winner && before.winnerSince ? before.winnerSince : at } : {}),
      leader: segment.leader,
      inBurnIn: segment.inBurnIn,
    };
    const allArms = stats.segments.find((s) => s.segment === segment.segment)?.arms ?? segment.arms;
    const sends = allArms.reduce((sum, arm) => sum + arm.sends, 0);
    const responses = allArms.reduce((sum, arm) => sum + arm.successes, 0);
    const changedNow = detected.filter((d) => d.segment === segment.segment).map((d) => d.change.channel);
    history.push({ at, segment: segment.segment, weights, sends, responses, ...(changedNow.length > 0 ? { changes: changedNow } : {}) });
    const holdout = stats.holdout[segment.segment] ?? { sends: 0, successes: 0, maturedSends: 0, valueSum: 0, valueCount: 0 };
    snapshotSegments.push({
      segment: segment.segment,
      winner: segment.winner,
      leader: segment.leader,
      inBurnIn: segment.inBurnIn,
      holdout: { ...holdout, rate: holdout.sends === 0 ? 0 : holdout.successes / holdout.sends },
      arms: armResults(segment, weights, stats, reported[allocation.segments.indexOf(segment)]),
      ...(changes[segment.segment]?.length ? { changes: changes[segment.segment] } : {}),
    });
  }
  const record: AllocationRecord = { experimentId: experiment.id, version: (previous?.version ?? 0) + 1, computedAt: at, seed, policy: allocation.policy, segments: splits };
  const keptHistory = [...(previousSnapshot?.history ?? []), ...history].slice(-SNAPSHOT_HISTORY_POINTS_PER_SEGMENT * segments.length);
  const snapshot: ResultsSnapshot = { experimentId: experiment.id, allocationVersion: record.version, computedAt: at, segments: snapshotSegments, followUps: stats.followUps, history: keptHistory };
  const saved = await deps.allocationStore.save(record, history, snapshot);
  if (!saved) throw new InvalidStateError(`allocation version ${record.version} of experiment ${experiment.id} was written by a concurrent run`);
  // The listing's one-line summary and the results ETag's allocation version (never moves `version`).
  await deps.experiments.saveSummary(experiment.id, summarizeSnapshot(snapshot));
  return record;
}

/** `POST /v1/experiments/{id}/reallocate`: runs the allocator now for one running or paused experiment. */
export async function reallocateNow(deps: AllocatorDependencies, experimentId: string): Promise<AllocationRecord> {
  const experiment = await deps.experiments.get(experimentId);
  if (!experiment) throw new NotFoundError(`experiment ${experimentId} not found`);
  if (experiment.status !== 'running' && experiment.status !== 'paused') {
    throw new InvalidStateError(`experiment ${experimentId} is ${experiment.status}: only running or paused experiments are reallocated`);
  }
  return reallocate(deps, experiment);
}

/** What one scheduled run did. */
export interface AllocatorRunReport {
  /** Experiments reallocated. */
  readonly reallocated: readonly string[];
  /** Experiments completed because their end had come. */
  readonly completed: readonly string[];
  /** Experiments that failed (the others still ran). */
  readonly failed: readonly { readonly experimentId: string; readonly error: string }[];
}

/**
 * The scheduled allocator: for every running experiment, completes it if its end has come, else
 * reallocates it when its cadence (`updateEveryMinutes`) has elapsed since the last allocation.
 * One experiment's failure does not stop the others.
 */
export async function runAllocator(deps: AllocatorDependencies): Promise<AllocatorRunReport> {
  const reallocated: string[] = [];
  const completed: string[] = [];
  const failed: { experimentId: string; error: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.experiments.list({ status: 'running', limit: SCAN_PAGE, ...(cursor ? { cursor } : {}) });
    for (const experiment of page.items) {
      try {
        const now = deps.clock.now();
        const endAt = experiment.definition.schedule?.endAt;
        if (endAt !== undefined && Date.parse(endAt) <= now.getTime()) {
          await reallocate(deps, experiment); // final results
          await deps.experiments.save(applyAction(experiment, 'complete', now), experiment.version);
          completed.push(experiment.id);
          continue;
        }
        const current = await deps.allocationStore.current(experiment.id);
        const due = !current || now.getTime() - Date.parse(current.computedAt) >= experiment.definition.policy.updateEveryMinutes * MS_PER_MINUTE;
        if (due) {
          await reallocate(deps, experiment, { previous: current });
          reallocated.push(experiment.id);
        }
      } catch (error) {
        failed.push({ experimentId: experiment.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { reallocated, completed, failed };
}
