/**
 * The journey stages, goal events and window limit as plain constants (no zod), so that code
 * needing only the names (the web app's routes and filters) does not load the schema library.
 * `journey.ts` builds the schemas on them and re-exports them.
 */

/** Customer-journey stages an experiment's message belongs to. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'purchase', 'post_purchase', 'loyalty'] as const;
/** A journey stage. */
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Response events that can be an experiment's goal. */
export const GOAL_EVENTS = ['delivered', 'opened', 'clicked', 'replied', 'converted', 'survey_completed'] as const;
/** A goal event. */
export type GoalEvent = (typeof GOAL_EVENTS)[number];

/** Longest attribution window accepted (90 days). */
export const MAX_WINDOW_HOURS = 24 * 90;
