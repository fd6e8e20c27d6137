import * as z from 'zod';
import { betaProbabilityBestExact, credibleInterval, posteriorMean } from '../bandit';
import { type Channel, ChannelSchema } from '../experiment/channels';
import { GOAL_EVENTS, type GoalEvent, type JourneyStage, JourneyStageSchema } from '../experiment/journey';
import type { ExperimentStatus } from '../experiment/lifecycle';
import type { ResultsSnapshot } from '../statistics/allocation-record';
import { poolPosteriors, type ReportedPosterior } from './pool-evidence';

/** One experiment feeding the map: its identity and its latest results snapshot. */
export interface TouchpointSource {
  readonly experimentId: string;
  readonly name: string;
  /** Journey stage. */
  readonly stage: JourneyStage;
  /** Goal event (rates of different goals are not pooled). */
  readonly goal: GoalEvent;
  /** Status (running or completed). */
  readonly status: ExperimentStatus;
  /** Its snapshot (absent before its first allocation: it then contributes nothing). */
  readonly snapshot: ResultsSnapshot | undefined;
}

/** One experiment's say in a cell. */
const CellExperimentSchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  status: z.string(),
  running: z.boolean().describe('Still running: its figures will move'),
  leader: ChannelSchema.describe('Its own leading channel (highest P(best)) in this segment'),
  winner: ChannelSchema.nullable().describe('The winner its stopping rule declared, if any'),
  sends: z.number().int().min(0),
});

/** A channel's pooled figures in a cell. */
const CellChannelSchema = z.object({
  channel: ChannelSchema,
  sends: z.number().int().min(0),
  responses: z.number().int().min(0),
  rate: z.number().describe('Pooled posterior mean'),
  ci95: z.tuple([z.number(), z.number()]),
  probabilityBest: z.number(),
  expectedLoss: z.number(),
  experiments: z.number().int().min(1).describe('Experiments that tested it here'),
});

/** One cell of the map: a stage, a segment and a goal. */
export const TouchpointCellSchema = z.object({
  stage: JourneyStageSchema,
  segment: z.string(),
  goal: z.enum(GOAL_EVENTS),
  channel: ChannelSchema.describe('The winning or leading channel (highest pooled P(best))'),
  verdict: z.enum(['winner', 'leading']).describe('winner: some experiment declared this channel the winner here and none declared another'),
  rate: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  probabilityBest: z.number(),
  sends: z.number().int().min(0).describe('Sends of this channel behind the figures'),
  totalSends: z.number().int().min(0).describe('Sends of every channel in the cell'),
  consensus: z.enum(['agree', 'disagree']).describe("disagree: some experiment's own leader is another channel"),
  channels: z.array(CellChannelSchema),
  experiments: z.array(CellExperimentSchema),
});
/** A cell of the touchpoint map. */
export type TouchpointCell = z.output<typeof TouchpointCellSchema>;

/** Filters of the map. */
export interface TouchpointFilter {
  /** Only this stage. */
  readonly stage?: JourneyStage;
  /** Only this segment name. */
  readonly segment?: string;
}

interface ArmContribution extends ReportedPosterior {
  readonly sends: number;
  readonly responses: number;
}

interface CellDraft {
  readonly stage: JourneyStage;
  readonly segment: string;
  readonly goal: GoalEvent;
  readonly experiments: z.output<typeof CellExperimentSchema>[];
  readonly arms: Map<Channel, ArmContribution[]>;
}

/** Order of stages in the map (the journey's order). */
const STAGE_ORDER: readonly JourneyStage[] = JourneyStageSchema.options;

function finishCell(draft: CellDraft): TouchpointCell | undefined {
  const channels = [...draft.arms.keys()].sort();
  if (channels.length === 0) return undefined;
  const posteriors = channels.map((channel) => poolPosteriors(draft.arms.get(channel) ?? []));
  const best = betaProbabilityBestExact(posteriors);
  const rows = channels.map((channel, index) => {
    const contributions = draft.arms.get(channel) ?? [];
    const posterior = posteriors[index] as (typeof posteriors)[number];
    const [low, high] = credibleInterval(posterior);
    return {
      channel,
      sends: contributions.reduce((sum, arm) => sum + arm.sends, 0),
      responses: contributions.reduce((sum, arm) => sum + arm.responses, 0),
      rate: posteriorMean(posterior),
      ci95: [low, high] as [number, number],
      probabilityBest: best.probabilityBest[index] ?? 0,
      expectedLoss: best.expectedLoss[index] ?? 0,
      experiments: contributions.length,
    };
  });
  const top = rows.reduce((a, b) => (b.probabilityBest > a.probabilityBest || (b.probabilityBest === a.probabilityBest && b.rate > a.rate) ? b : a));
  const winners = new Set(draft.experiments.flatMap((experiment) => (experiment.winner === null ? [] : [experiment.winner])));
  const experiments = [...draft.experiments].sort((a, b) => a.experimentId.localeCompare(b.experimentId));
  return {
    stage: draft.stage,
    segment: draft.segment,
    goal: draft.goal,
    channel: top.channel,
    verdict: winners.size === 1 && winners.has(top.channel) ? 'winner' : 'leading',
    rate: top.rate,
    ci95: top.ci95,
    probabilityBest: top.probabilityBest,
    sends: top.sends,
    totalSends: rows.reduce((sum, row) => sum + row.sends, 0),
    consensus: experiments.every((experiment) => experiment.leader === top.channel) ? 'agree' : 'disagree',
    channels: rows,
    experiments,
  };
}

/**
 * The touchpoint map: per journey stage × segment name × goal event, which channel wins.
 *
 * Per cell, each channel's evidence is pooled across the experiments that tested it there
 * ({@link poolPosteriors}); P(best) and expected loss come from the pooled posteriors. Only
 * segments with sends count; experiments before their first allocation contribute nothing. Each
 * contributing experiment is listed with its own leader and winner, and `consensus` says whether
 * they all lead with the cell's channel. Pure and independent of the order of `sources`.
 */
export function buildTouchpointMap(sources: readonly TouchpointSource[], filter: TouchpointFilter = {}): TouchpointCell[] {
  const drafts = new Map<string, CellDraft>();
  const ordered = [...sources].sort((a, b) => a.experimentId.localeCompare(b.experimentId)); // sums in one order
  for (const source of ordered) {
    if (!source.snapshot || (filter.stage !== undefined && source.stage !== filter.stage)) continue;
    for (const segment of source.snapshot.segments) {
      if (filter.segment !== undefined && segment.segment !== filter.segment) continue;
      const arms = segment.arms.filter((arm) => arm.sends > 0);
      if (arms.length === 0) continue;
      const key = `${source.stage}\u0000${segment.segment}\u0000${source.goal}`;
      let draft = drafts.get(key);
      if (!draft) {
        draft = { stage: source.stage, segment: segment.segment, goal: source.goal, experiments: [], arms: new Map() };
        drafts.set(key, draft);
      }
      draft.experiments.push({
        experimentId: source.experimentId,
        name: source.name,
        status: source.status,
        running: source.status === 'running',
        leader: segment.leader,
        winner: segment.winner,
        sends: arms.reduce((sum, arm) => sum + arm.sends, 0),
      });
      for (const arm of arms) {
        const list = draft.arms.get(arm.channel) ?? [];
        list.push({
          mean: arm.rate,
          ci95: arm.ci95 ?? [0, 1],
          sends: arm.sends,
          responses: arm.responses,
          ...(arm.maturedSends >= arm.sends ? { matured: { sends: arm.sends, responses: arm.responses } } : {}),
        });
        draft.arms.set(arm.channel, list);
      }
    }
  }
  return [...drafts.values()]
    .flatMap((draft) => {
      const cell = finishCell(draft);
      return cell ? [cell] : [];
    })
    .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) || a.segment.localeCompare(b.segment) || a.goal.localeCompare(b.goal));
}
