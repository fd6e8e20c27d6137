import * as z from 'zod';

/** Customer-journey stages an experiment's message belongs to. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'purchase', 'post_purchase', 'loyalty'] as const;
/** A journey stage. */
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
/** Zod schema of a journey stage. */
export const JourneyStageSchema = z.enum(JOURNEY_STAGES);

/** Response events that can be an experiment's goal. */
export const GOAL_EVENTS = ['delivered', 'opened', 'clicked', 'replied', 'converted', 'survey_completed'] as const;
/** A goal event. */
export type GoalEvent = (typeof GOAL_EVENTS)[number];

/** Longest attribution window accepted (90 days). */
export const MAX_WINDOW_HOURS = 24 * 90;

/** The goal: which response counts, and within how many hours of the send. */
export const GoalSchema = z.strictObject({
  event: z.enum(GOAL_EVENTS),
  windowHours: z.number().positive('windowHours must be > 0').max(MAX_WINDOW_HOURS, `windowHours must be at most ${MAX_WINDOW_HOURS}`),
});
/** The goal of an experiment. */
export type Goal = z.output<typeof GoalSchema>;
