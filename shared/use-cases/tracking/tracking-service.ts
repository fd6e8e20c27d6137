import { NotFoundError } from '../../domain/errors/channel-lab-error';
import type { Channel } from '../../domain/experiment/channels';
import type { Assignment } from '../../domain/sends/assignment';
import type { TrackingKind, TrackingPayload } from '../../domain/tracking';
import { type EventDependencies, type EventOutcome, recordEvent } from '../events/record-events';

/** What the tracking endpoints need. */
export interface TrackingDependencies extends EventDependencies {
  /**
   * Verifies a signed token (constant-time HMAC) with the link-signing keys valid now (the current
   * one, and the previous one during its rotation grace period); undefined when forged, altered,
   * truncated or signed with a retired key.
   */
  readonly verifyToken: (token: string) => Promise<TrackingPayload | undefined>;
}

async function verified(deps: TrackingDependencies, token: string, kind: TrackingKind): Promise<TrackingPayload> {
  const payload = await deps.verifyToken(token);
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
  const payload = await verified(deps, token, 'click');
  // One event per link of a decision: a replayed (or prefetched) click is a duplicate, not a new item.
  const eventId = `click-${payload.assignmentId}-${deps.ids.idFor(`click:${payload.url ?? ''}`)}`;
  const outcome = await recordEvent(deps, { eventId, type: 'clicked', occurredAt: deps.clock.now().toISOString(), assignmentId: payload.assignmentId });
  return { url: payload.url ?? '', outcome };
}

/** An open pixel: records the first `opened` of the decision (repeats are duplicates). */
export async function trackOpen(deps: TrackingDependencies, token: string): Promise<EventOutcome> {
  const payload = await verified(deps, token, 'open');
  return recordEvent(deps, { eventId: `open-${payload.assignmentId}`, type: 'opened', occurredAt: deps.clock.now().toISOString(), assignmentId: payload.assignmentId });
}

/** What an unsubscribe link is about: its decision and the channel that carried it (from the stored assignment). */
export interface UnsubscribeTarget {
  /** The decision. */
  readonly assignment: Assignment;
  /** The channel the customer is opted out of (null for a held-out decision: nothing to opt out of). */
  readonly channel: Channel | null;
}

async function unsubscribeTarget(deps: TrackingDependencies, token: string): Promise<UnsubscribeTarget> {
  const payload = await verified(deps, token, 'unsubscribe');
  const assignment = await deps.assignments.get(payload.assignmentId);
  if (!assignment) throw new NotFoundError('unknown link');
  // The channel and the customer come from the stored decision, never from the link: an old link
  // (or one signed by anyone who held a key) cannot opt a customer out of another channel.
  return { assignment, channel: assignment.channel };
}

/** Checks an unsubscribe link without changing anything (what the confirmation page shows). */
export async function inspectUnsubscribe(deps: TrackingDependencies, token: string): Promise<UnsubscribeTarget> {
  return unsubscribeTarget(deps, token);
}

/**
 * RFC 8058 one-click unsubscribe: opts the customer out of the channel that carried the message
 * (as stored on the decision), effective for the next decision, and records `unsubscribed` once.
 * Repeats are harmless.
 */
export async function unsubscribe(deps: TrackingDependencies, token: string): Promise<EventOutcome> {
  const { assignment, channel } = await unsubscribeTarget(deps, token);
  if (channel) await deps.customers.optOut(assignment.customerId, [channel], deps.clock.now().toISOString());
  return recordEvent(deps, { eventId: `unsubscribe-${assignment.id}`, type: 'unsubscribed', occurredAt: deps.clock.now().toISOString(), assignmentId: assignment.id });
}
