import { refreshView } from './refresh-note';
import type { Channel } from '../experiment/channels';
import type { Experiment } from '../experiment/experiment';
import { segmentNames } from '../experiment/experiment-definition';
import type { ArmResult, ResultsSnapshot } from '../statistics/allocation-record';
import type { ArmTotals } from '../statistics/cohort-counters';
import type { ArmResultView, ExperimentResults, FollowUpView, SegmentResultView } from './results-schema';
import type { WordingRules } from './segment-wording';
import { armAssessment, armSummary, describeChange, segmentWords, sendsPerHour } from './segment-wording';

/** Options of {@link buildResults}. */
export interface BuildResultsOptions {
  /** Keep only history points at or after this ISO instant. */
  readonly since?: string;
}

/** A ratio, or null when the denominator is 0. */
function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function armView(arm: ArmResult, segmentSends: number): ArmResultView {
  return {
    channel: arm.channel,
    sends: arm.sends,
    maturedSends: arm.maturedSends,
    responses: arm.responses,
    rate: arm.rate,
    ci95: arm.ci95 ? [arm.ci95[0], arm.ci95[1]] : null,
    probabilityBest: arm.probabilityBest,
    expectedLoss: arm.expectedLoss,
    weight: arm.weight,
    ipwRate: arm.ipwRate,
    value: arm.value ? { count: arm.value.count, mean: arm.value.mean } : null,
    assessment: armAssessment(arm),
    summary: armSummary(arm, { segmentSends }),
    failed: arm.failed ?? 0,
  };
}

/** An arm before the first allocation: zeros, uniform weight and P(best). */
function emptyArm(channel: Channel, armCount: number): ArmResultView {
  const uniform = 1 / armCount;
  return { channel, sends: 0, maturedSends: 0, responses: 0, rate: 0, ci95: null, probabilityBest: uniform, expectedLoss: 0, weight: uniform, ipwRate: null, value: null, assessment: 'no_sends', summary: 'no sends yet', failed: 0 };
}

/** The rules the wording explains, from the definition. */
function wordingRules(experiment: Experiment): WordingRules {
  const { policy, stopping, goal } = experiment.definition;
  return { burnIn: policy.burnIn, probabilityBest: stopping.probabilityBest, maxExpectedLoss: stopping.maxExpectedLoss, windowHours: goal.windowHours, onWinner: stopping.onWinner };}

/** The holdout of a segment with the lift of messaging (messaged rate − holdout rate). */
export function holdoutView(holdout: Pick<ArmTotals, 'sends' | 'successes'>, messaged: { readonly sends: number; readonly responses: number }): SegmentResultView['holdout'] {
  const rate = ratio(holdout.successes, holdout.sends);
  const messagedRate = ratio(messaged.responses, messaged.sends);
  const lift = rate === null || messagedRate === null ? null : { absolute: messagedRate - rate, relative: rate === 0 ? null : (messagedRate - rate) / rate };
  return { sends: holdout.sends, responses: holdout.successes, rate, lift };
}

function segmentView(segment: ResultsSnapshot['segments'][number], rules: WordingRules, history: ResultsSnapshot['history']): SegmentResultView {
  const segmentSends = segment.arms.reduce((sum, arm) => sum + arm.sends, 0);
  const arms = segment.arms.map((arm) => armView(arm, segmentSends));
  const sends = arms.reduce((sum, arm) => sum + arm.sends, 0);
  const responses = arms.reduce((sum, arm) => sum + arm.responses, 0);
  const perHour = sendsPerHour(history.filter((point) => point.segment === segment.segment));
  const words = segmentWords(segment.segment, arms, segment.leader, segment.winner, rules, perHour);
  return {
    segment: segment.segment,
    sends,
    responses,
    winner: segment.winner,
    leader: words.leader,
    inBurnIn: segment.inBurnIn,
    holdout: holdoutView(segment.holdout, { sends, responses }),
    arms,
    status: words.status,
    missing: words.missing,
    recommendation: words.recommendation,
    changes: (segment.changes ?? []).map(describeChange),
  };
}

function followUpViews(followUps: ResultsSnapshot['followUps']): FollowUpView[] {
  const rows: FollowUpView[] = [];
  for (const [step, bySegment] of Object.entries(followUps)) {
    for (const [segment, byChannel] of Object.entries(bySegment)) {
      for (const [channel, totals] of Object.entries(byChannel) as [Channel, ArmTotals][]) {
        rows.push({
          step: Number(step),
          segment,
          channel,
          sends: totals.sends,
          maturedSends: totals.maturedSends,
          responses: totals.successes,
          rate: ratio(totals.successes, totals.sends),
          value: totals.valueCount > 0 ? { count: totals.valueCount, mean: totals.valueSum / totals.valueCount } : null,
        });
      }
    }
  }
  return rows.sort((a, b) => a.step - b.step || a.segment.localeCompare(b.segment) || a.channel.localeCompare(b.channel));
}

/** Before the first allocation: every segment of the definition, every arm at zero. */
function emptySegments(experiment: Experiment): SegmentResultView[] {
  const channels = experiment.definition.channels.map((content) => content.channel);
  const rules = wordingRules(experiment);
  return segmentNames(experiment.definition).map((segment) => {
    const arms = channels.map((channel) => emptyArm(channel, channels.length));
    return {
      segment,
      sends: 0,
      responses: 0,
      winner: null,
      inBurnIn: true,
      holdout: holdoutView({ sends: 0, successes: 0 }, { sends: 0, responses: 0 }),
      arms,
      ...segmentWords(segment, arms, null, null, rules, null),
      changes: [],
    };
  });
}

/**
 * The results dashboards read, from the experiment and the allocator's snapshot (or, before the
 * first allocation, zeros for every segment and arm with `allocationVersion` 0). Segment figures
 * and totals count first decisions; follow-ups are reported apart. Pure.
 */
export function buildResults(experiment: Experiment, snapshot: ResultsSnapshot | undefined, options: BuildResultsOptions = {}): ExperimentResults {
  const rules = wordingRules(experiment);
  const segments = snapshot ? snapshot.segments.map((segment) => segmentView(segment, rules, snapshot.history)) : emptySegments(experiment);
  const followUps = snapshot ? followUpViews(snapshot.followUps) : [];
  const byChannel: Partial<Record<Channel, { sends: number; responses: number }>> = {};
  for (const arm of segments.flatMap((segment) => segment.arms)) {
    const totals = (byChannel[arm.channel] ??= { sends: 0, responses: 0 });
    totals.sends += arm.sends;
    totals.responses += arm.responses;
  }
  const since = options.since === undefined ? undefined : Date.parse(options.since);
  const history = (snapshot?.history ?? [])
    .filter((point) => since === undefined || Date.parse(point.at) >= since)
    .map((point) => ({ at: point.at, segment: point.segment, weights: { ...point.weights }, sends: point.sends, responses: point.responses, ...(point.changes?.length ? { changes: [...point.changes] } : {}) }));
  return {
    experimentId: experiment.id,
    name: experiment.definition.name,
    stage: experiment.definition.stage,
    status: experiment.status,
    goal: experiment.definition.goal,
    updatedAt: snapshot?.computedAt ?? experiment.updatedAt,
    allocationVersion: snapshot?.allocationVersion ?? 0,
    segments,
    totals: {
      sends: segments.reduce((sum, segment) => sum + segment.sends, 0),
      responses: segments.reduce((sum, segment) => sum + segment.responses, 0),
      failed: segments.reduce((sum, segment) => sum + segment.arms.reduce((armSum, arm) => armSum + arm.failed, 0), 0),
      byChannel,
      followUps: { sends: followUps.reduce((sum, row) => sum + row.sends, 0), responses: followUps.reduce((sum, row) => sum + row.responses, 0) },
    },
    followUps,
    history,
    refresh: refreshView({
      status: experiment.status,
      allocationVersion: snapshot?.allocationVersion ?? 0,
      updatedAt: snapshot?.computedAt ?? experiment.updatedAt,
      everyMinutes: experiment.definition.policy.updateEveryMinutes,
    }),
  };
}
