import * as z from 'zod';

/**
 * Lifecycle of a pending triggered send:
 * `waiting → firing → sent` (a decision was made through the send path: queued, deferred or held out),
 * `firing → suppressed` (the send path found no channel the customer may receive: no decision),
 * `waiting → exited` (an exit event came first, or the journey refused it, or the experiment stopped:
 * no decision, so it is never a send and never touches the bandit's statistics).
 */
export const PENDING_SEND_STATUSES = ['waiting', 'firing', 'sent', 'suppressed', 'exited'] as const;
/** A pending send's status. */
export type PendingSendStatus = (typeof PENDING_SEND_STATUSES)[number];
/** Zod schema of a pending send's status. */
export const PendingSendStatusSchema = z.enum(PENDING_SEND_STATUSES);

/**
 * Why a pending send exited: an exit event matched (`exit_event`), the journey's per-customer cap
 * was reached (`journey_cap`), the customer is in a later stage of the journey (`later_stage`), or
 * the experiment was no longer running when it came due (`experiment_not_running`), or the customer
 * was erased while it waited (`customer_erased`).
 */
export const EXIT_REASONS = ['exit_event', 'journey_cap', 'later_stage', 'experiment_not_running', 'customer_erased'] as const;
/** Why a pending send exited. */
export type ExitReason = (typeof EXIT_REASONS)[number];
/** Zod schema of an exit reason. */
export const ExitReasonSchema = z.enum(EXIT_REASONS);

/** A send an event triggered, waiting for its time (one per experiment and triggering event id). */
export const PendingSendSchema = z.object({
  id: z.string(),
  experimentId: z.string(),
  customerId: z.string(),
  /** The triggering customer event's id and name. */
  eventId: z.string(),
  eventName: z.string(),
  /** When the event happened and when it was received. */
  occurredAt: z.string(),
  triggeredAt: z.string(),
  /** When the send comes due. */
  dueAt: z.string(),
  status: PendingSendStatusSchema,
  /** Template values taken from the event's properties. */
  variables: z.record(z.string(), z.string()),
  /** Customer attributes the event carried (laid over the stored profile at decision time). */
  attributes: z.record(z.string(), z.unknown()).optional(),
  /** Why it exited, and the exit event when one did it. */
  exitReason: ExitReasonSchema.optional(),
  exitEventId: z.string().optional(),
  /** The decision made when it fired (absent until then, and forever when it exited). */
  assignmentId: z.string().optional(),
  /** Why the send path suppressed it, in words. */
  suppressedReason: z.string().optional(),
  /** ISO instant of the last status change. */
  updatedAt: z.string(),
});
/** A pending triggered send. */
export type PendingSend = z.output<typeof PendingSendSchema>;

/** Trigger counts of one experiment (what the journey map shows per stage). */
export const TriggerCountsSchema = z.object({
  /** Pending sends created (each triggering event once). */
  triggered: z.int().min(0),
  /** Still waiting (or firing) now. */
  waiting: z.int().min(0),
  /** Fired into a decision. */
  sent: z.int().min(0),
  /** Fired, but the send path had no channel for the customer (no decision). */
  suppressed: z.int().min(0),
  /** Exited before their time, by reason. */
  exited: z.object({ total: z.int().min(0), byReason: z.partialRecord(ExitReasonSchema, z.int().min(0)) }),
});
/** Trigger counts of one experiment. */
export type TriggerCounts = z.output<typeof TriggerCountsSchema>;

/** Counts with nothing in them. */
export const EMPTY_TRIGGER_COUNTS: TriggerCounts = { triggered: 0, waiting: 0, sent: 0, suppressed: 0, exited: { total: 0, byReason: {} } };
