import type { Goal } from '../experiment/journey';
import type { Assignment } from '../sends/assignment';
import type { ResponseEvent } from './response-event';

/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;
/**
 * How far before the decision an event may be stamped and still count (as at the decision): the
 * clocks of the client's systems and ours differ, and many stamp whole seconds.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 60_000;

/** How one event relates to one decision's goal. */
export type Attribution =
  /** The goal event, inside the window, first of its kind: counts as a success (delay from the send). */
  | { readonly kind: 'goal'; readonly delayMs: number }
  /** The goal event after the window closed: recorded, not counted. */
  | { readonly kind: 'late' }
  /** The goal event dated before the decision: recorded, not counted. */
  | { readonly kind: 'before_decision' }
  /** Another event type (open, delivery …): recorded, not counted. */
  | { readonly kind: 'not_goal' };

/** When a decision's window opens: when the message was sent, or the decision time (holdout, not yet sent). */
export function windowStart(assignment: Pick<Assignment, 'sentAt' | 'decidedAt'>): number {
  return Date.parse(assignment.sentAt ?? assignment.decidedAt);
}

/** When a decision's window closes. */
export function windowEnd(assignment: Pick<Assignment, 'sentAt' | 'decidedAt'>, goal: Goal): number {
  return windowStart(assignment) + goal.windowHours * MS_PER_HOUR;
}

/**
 * Attributes an event to a decision: the goal counts only inside `[window start, start + windowHours]`
 * (an event stamped up to {@link CLOCK_SKEW_TOLERANCE_MS} before the decision counts as at it).
 * (Whether the decision already has a success is the store's business: it counts once, atomically.)
 */
export function attribute(event: Pick<ResponseEvent, 'type' | 'occurredAt'>, assignment: Pick<Assignment, 'sentAt' | 'decidedAt'>, goal: Goal): Attribution {
  if (event.type !== goal.event) return { kind: 'not_goal' };
  const stamped = Date.parse(event.occurredAt);
  const start = Date.parse(assignment.decidedAt);
  if (stamped < start - CLOCK_SKEW_TOLERANCE_MS) return { kind: 'before_decision' };
  const at = Math.max(stamped, start);
  if (at > windowEnd(assignment, goal)) return { kind: 'late' };
  return { kind: 'goal', delayMs: Math.max(0, at - windowStart(assignment)) };
}
