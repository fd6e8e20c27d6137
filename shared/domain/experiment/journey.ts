import * as z from 'zod';
import { GOAL_EVENTS, JOURNEY_STAGES, MAX_WINDOW_HOURS } from './journey-stages';

export { GOAL_EVENTS, type GoalEvent, JOURNEY_STAGES, type JourneyStage, MAX_WINDOW_HOURS } from './journey-stages';

/** Zod schema of a journey stage. */
export const JourneyStageSchema = z.enum(JOURNEY_STAGES);

/** The goal: which response counts, and within how many hours of the send. */
export const GoalSchema = z.strictObject({
  event: z.enum(GOAL_EVENTS),
  windowHours: z.number().positive('windowHours must be > 0').max(MAX_WINDOW_HOURS, `windowHours must be at most ${MAX_WINDOW_HOURS}`),
});
/** The goal of an experiment. */
export type Goal = z.output<typeof GoalSchema>;
