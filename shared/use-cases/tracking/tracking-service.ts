import { NotFoundError } from '../../domain/errors/channel-lab-error';
import type { TrackingKind, TrackingPayload } from '../../domain/tracking';
import { type EventDependencies, type EventOutcome, recordEvent } from '../events/record-events';

/** What the tracking endpoints need. */
export interface TrackingDependencies extends EventDependencies {
  /** Verifies a signed token (constant-time HMAC); undefined when forged, altered or truncated. */
  readonly verifyToken: (token: string) => TrackingPayload | undefined;
}

function verified(deps: TrackingDependencies, token: string, kind: TrackingKind): TrackingPayload {
  const payload = deps.verifyToken(token);
  // A forged link and a link of another kind look the same to the caller: not found, nothing recorded.
  if (!payload || payload.kind !== kind) throw new NotFoundError('unknown link');
  return payload;
}

/**
 * A click on a signed tracking link: records `clicked` for the decision once per link (replays are
 * duplicates) and returns the target URL taken from inside the signed token (never from the query
 * string: no open redirect).
 */
export async function trackClick(deps: TrackingDependencies, token: string): Promise<{ readonly url: string; readonly outcome: EventOutcome }> {
  const payload = verified(deps, token, 'click');
  // One event per link of a decision: a replayed (or prefetched) click is a duplicate, not a new item.
  const eventId = `click-${payload.assignmentId}-${deps.ids.idFor(`click:${payload.url ?? ''}`)}`;
  const outcome = await recordEvent(deps, { eventId, type: 'clicked', occurredAt: deps.clock.now().toISOString(), assignmentId: payload.assignmentId });
  return { url: payload.url ?? '', outcome };
}

/** An open pixel: records the first `opened` of the decision (repeats are duplicates). */
export async function trackOpen(deps: TrackingDependencies, token: string): Promise<EventOutcome> {
  const payload = verified(deps, token, 'open');
  return recordEvent(deps, { eventId: `open-${payload.assignmentId}`, type: 'opened', occurredAt: deps.clock.now().toISOString(), assignmentId: payload.assignmentId });
}

/** Checks an unsubscribe link without changing anything (what the confirmation page shows). */
export function inspectUnsubscribe(deps: TrackingDependencies, token: string): TrackingPayload {
  return verified(deps, token, 'unsubscribe');
}

/**
 * RFC 8058 one-click unsubscribe: opts the customer out of the channel that carried the message,
 * effective for the next decision, and records `unsubscribed` once. Repeats are harmless.
 */
export async function unsubscribe(deps: TrackingDependencies, token: string): Promise<EventOutcome> {
  const payload = verified(deps, token, 'unsubscribe');
  const assignment = await deps.assignments.get(payload.assignmentId);
  if (!assignment) throw new NotFoundError('unknown link');
  const channel = payload.channel ?? assignment.channel;
  if (channel) await deps.customers.optOut(assignment.customerId, [channel], deps.clock.now().toISOString());
  return recordEvent(deps, { eventId: `unsubscribe-${payload.assignmentId}`, type: 'unsubscribed', occurredAt: deps.clock.now().toISOString(), assignmentId: payload.assignmentId });
}
