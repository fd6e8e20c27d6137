import { z } from 'zod';
import { ChannelSchema } from '../experiment/channels';
import { GoalSchema, JourneyStageSchema } from '../experiment/journey';
import { ExperimentStatusSchema } from '../experiment/lifecycle';

/** A rate in [0, 1], or null when there is nothing to divide by. */
const RateOrNull = z.number().min(0).max(1).nullable();

/** Values carried by goal events (survey score, order amount): how many, and their mean. */
export const ValueAverageSchema = z.object({
  count: z.number().int().min(0).describe('Goal events that carried a value'),
  mean: z.number().describe('Mean of those values'),
});

/** One arm (channel) of one segment, first decisions only. */
export const ArmResultViewSchema = z.object({
  channel: ChannelSchema,
  sends: z.number().int().min(0).describe('Messages sent on this channel (first decisions)'),
  maturedSends: z.number().int().min(0).describe('Sends whose attribution window has closed'),
  responses: z.number().int().min(0).describe('Goal events counted (once per send, inside the window)'),
  rate: z.number().min(0).max(1).describe('Posterior mean response rate (late-response corrected, with the shared prior); 0 before the first allocation'),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe('95 % equal-tailed credible interval of the rate; null before the first allocation'),
  probabilityBest: z.number().min(0).max(1).describe('Posterior probability that this channel has the highest rate in the segment'),
  expectedLoss: z.number().min(0).describe('Expected rate points lost by choosing this channel rather than the true best'),
  weight: z.number().min(0).max(1).describe('Current share of messaged traffic'),
  ipwRate: RateOrNull.describe('Self-normalised inverse-propensity-weighted rate: responses/sends corrected for the adaptive allocation'),
  value: ValueAverageSchema.nullable().describe('Average value carried by goal events (e.g. survey score), null when none carried one'),
  failed: z.number().int().min(0).describe('Messages of this arm that ended failed (refused by the provider, or given up after the retry cap); not counted in sends'),
});

/** The holdout of a segment and the lift of messaging at all. */
export const HoldoutViewSchema = z.object({
  sends: z.number().int().min(0).describe('Decisions held out (no message sent)'),
  responses: z.number().int().min(0).describe('Goal events of held-out customers'),
  rate: RateOrNull.describe('responses / sends'),
  lift: z
    .object({
      absolute: z.number().describe('Messaged rate − holdout rate, in rate points'),
      relative: z.number().nullable().describe('(messaged − holdout) / holdout; null when the holdout rate is 0'),
    })
    .nullable()
    .describe('Lift of messaging over no message; null without holdout or sends'),
});

/** One segment's results. */
export const SegmentResultViewSchema = z.object({
  segment: z.string(),
  sends: z.number().int().min(0).describe('First-decision sends over all channels'),
  responses: z.number().int().min(0),
  winner: ChannelSchema.nullable().describe('Declared by the stopping rule, or null'),
  leader: ChannelSchema.nullable().describe('Channel with the highest P(best); null before the first allocation'),
  inBurnIn: z.boolean(),
  holdout: HoldoutViewSchema,
  arms: z.array(ArmResultViewSchema),
});

/** Follow-up decisions (step ≥ 1), reported apart from first decisions. */
export const FollowUpViewSchema = z.object({
  step: z.number().int().min(1),
  segment: z.string(),
  channel: ChannelSchema,
  sends: z.number().int().min(0),
  maturedSends: z.number().int().min(0),
  responses: z.number().int().min(0),
  rate: RateOrNull.describe('responses / sends (raw)'),
  value: ValueAverageSchema.nullable(),
});

/** One point of the weights' history. */
export const HistoryPointViewSchema = z.object({
  at: z.string(),
  segment: z.string(),
  weights: z.partialRecord(ChannelSchema, z.number()),
  sends: z.number().int().min(0),
  responses: z.number().int().min(0),
});

/** Sends and responses. */
const CountsSchema = z.object({ sends: z.number().int().min(0), responses: z.number().int().min(0) });

/** `GET /v1/experiments/{id}/results`. */
export const ExperimentResultsSchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  stage: JourneyStageSchema,
  status: ExperimentStatusSchema,
  goal: GoalSchema,
  updatedAt: z.string().describe('When these results were computed (the last allocation); before it, the last change of the experiment'),
  allocationVersion: z.number().int().min(0).describe('0 before the first allocation'),
  segments: z.array(SegmentResultViewSchema),
  totals: CountsSchema.extend({
    failed: z.number().int().min(0).describe('First-decision messages that ended failed (not counted in sends)'),
    byChannel: z.partialRecord(ChannelSchema, CountsSchema),
    followUps: CountsSchema.describe('Follow-up sends and their responses (not in the figures above)'),
  }),
  followUps: z.array(FollowUpViewSchema),
  history: z.array(HistoryPointViewSchema),
});

/** The results of an experiment as dashboards read them. */
export type ExperimentResults = z.output<typeof ExperimentResultsSchema>;
/** One segment of {@link ExperimentResults}. */
export type SegmentResultView = z.output<typeof SegmentResultViewSchema>;
/** One arm of {@link SegmentResultView}. */
export type ArmResultView = z.output<typeof ArmResultViewSchema>;
/** One follow-up row. */
export type FollowUpView = z.output<typeof FollowUpViewSchema>;
