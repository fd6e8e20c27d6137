import * as z from 'zod';
import { RefreshViewSchema } from './refresh-note';
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

/** How far an arm's evidence goes (see `assessment`). */
export const ArmAssessmentSchema = z.enum(['no_sends', 'too_early', 'provisional', 'matured']);
/** An arm's assessment. */
export type ArmAssessment = z.output<typeof ArmAssessmentSchema>;

/** What a segment's results can say now (see `status`). */
export const SegmentStatusSchema = z.enum(['no_sends', 'too_early', 'learning', 'winner']);
/** A segment's status. */
export type SegmentStatus = z.output<typeof SegmentStatusSchema>;

/** One condition of the stopping rule a segment does not meet yet. */
export const MissingEvidenceSchema = z.object({
  requirement: z
    .enum(['burn_in', 'matured_sends', 'probability_best', 'expected_loss'])
    .describe('`burn_in`: sends per arm before leaving the uniform split; `matured_sends`: matured sends per arm before a winner; `probability_best`: P(best) of the leader; `expected_loss`: expected loss of the leader'),
  needed: z.number().describe('The figure the rule needs (sends, matured sends, a probability, or rate points)'),
  current: z.number().describe('Where the segment is now (for sends: the arm with the fewest)'),
  etaHours: z.number().min(0).nullable().describe('About how many hours until it is met at the current traffic; null when it cannot be told (no traffic history, or a statistical condition)'),
  text: z.string().describe('The same in words, e.g. "needs 100 matured sends per arm: 37 so far, about 2 h at the current traffic"'),
});
/** One missing condition. */
export type MissingEvidence = z.output<typeof MissingEvidenceSchema>;

/** A change of an arm's response rate detected by the allocator (its older evidence no longer counts). */
export const DetectedChangeSchema = z.object({
  at: z.string().describe('ISO instant of the allocation that detected it'),
  channel: ChannelSchema,
  rateBefore: z.number().min(0).max(1).describe('Estimated rate before the change'),
  rateAfter: z.number().min(0).max(1).describe('Estimated rate since the change'),
  text: z.string().describe('In words, e.g. "email changed on 2026-03-04: 8.1 % before, 4.2 % since; older sends no longer count"'),
});
/** A detected change. */
export type DetectedChange = z.output<typeof DetectedChangeSchema>;

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
  assessment: ArmAssessmentSchema.describe(
    'What the figures of this arm are worth: `no_sends`; `too_early` (no send has matured: show the raw counts and "too early to say", not `rate`); `provisional` (some sends matured, fewer than the stopping rule needs); `matured`',
  ),
  summary: z.string().describe('The arm in words, e.g. "too early to say: 3 responses from 143 sends, none matured yet" or "12 % (9.1–15 %), 800 of 1,000 sends matured"'),
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
  inBurnIn: z.boolean().describe('Traffic is split uniformly until every arm has `policy.burnIn` sends'),
  holdout: HoldoutViewSchema,
  arms: z.array(ArmResultViewSchema),
  status: SegmentStatusSchema.describe('`no_sends`; `too_early` (no send of this segment has matured); `learning` (evidence, no winner yet); `winner`'),
  missing: z.array(MissingEvidenceSchema).describe('What the stopping rule still needs before a winner, in the order it applies; empty with a winner'),
  recommendation: z.string().describe('One sentence for the marketer, e.g. "sms wins for over_50, 97 % sure, 16 % vs 4.1 %: complete the experiment or keep exploiting"'),
  changes: z.array(DetectedChangeSchema).describe('Rate changes the allocator detected in this segment, oldest first'),
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
  changes: z.array(ChannelSchema).optional().describe('Channels whose rate change was detected at this run (their older evidence was set aside)'),
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
  refresh: RefreshViewSchema.optional().describe('When these figures refresh (they are as of the last allocation: a send shows at the next one)'),
});

/** The results of an experiment as dashboards read them. */
export type ExperimentResults = z.output<typeof ExperimentResultsSchema>;
/** One segment of {@link ExperimentResults}. */
export type SegmentResultView = z.output<typeof SegmentResultViewSchema>;
/** One arm of {@link SegmentResultView}. */
export type ArmResultView = z.output<typeof ArmResultViewSchema>;
/** One follow-up row. */
export type FollowUpView = z.output<typeof FollowUpViewSchema>;
