import * as z from 'zod';

/** `HH:MM` 24-hour local time. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Longest frequency-cap period accepted (30 days). */
export const MAX_CAP_PERIOD_HOURS = 24 * 30;

/** Default quiet hours (local time of the customer). */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '08:00' } as const;

/** Customer-protection rules enforced at decision time. */
export const GuardrailsSchema = z.strictObject({
  /** At most `max` messages per customer in any `perHours` window, across experiments. */
  frequencyCap: z
    .strictObject({
      max: z.int().min(1, 'frequencyCap.max must be ≥ 1').max(1000),
      perHours: z.number().positive().max(MAX_CAP_PERIOD_HOURS, `perHours must be ≤ ${MAX_CAP_PERIOD_HOURS}`),
    })
    .optional(),
  /** No SMS or push between `start` and `end` in the customer's time zone (may wrap midnight). */
  quietHours: z
    .strictObject({
      start: z.string().regex(CLOCK_TIME, 'must be HH:MM (24-hour)'),
      end: z.string().regex(CLOCK_TIME, 'must be HH:MM (24-hour)'),
    })
    .refine((hours) => hours.start !== hours.end, { message: 'quiet hours start and end must differ', path: ['end'] })
    .default(DEFAULT_QUIET_HOURS),
});
/** Guardrails with defaults applied. */
export type Guardrails = z.output<typeof GuardrailsSchema>;

/** Re-solicit on another channel after silence. */
export const FollowUpSchema = z.strictObject({
  afterHours: z.number().positive('afterHours must be > 0').max(24 * 30),
  maxSteps: z.int().min(1, 'maxSteps must be ≥ 1').max(4, 'maxSteps must be ≤ 4'),
});
/** Follow-up configuration. */
export type FollowUp = z.output<typeof FollowUpSchema>;
