import type { EventType } from '../../domain/events/response-event';
import type { Assignment } from '../../domain/sends/assignment';
import { type EventDependencies, type EventOutcome, recordEvent } from './record-events';

/** A provider's report about a message, in Channel Lab's terms. */
export interface ProviderReport {
  /** Dedupe id of the report. */
  readonly eventId: string;
  /** The decision, if the provider carried it (SES email tag). */
  readonly assignmentId?: string;
  /** The provider's message id. */
  readonly messageId?: string;
  /** What it means. */
  readonly outcome:
    /** A response (delivered, opened, clicked, complained, unsubscribed): recorded like any event. */
    | { readonly kind: 'event'; readonly type: EventType; readonly occurredAt: string }
    /**
     * The provider tried and the message did not arrive. `permanent`: the address does not work
     * (the customer is opted out of the channel); otherwise it may work another time.
     */
    | { readonly kind: 'bounced'; readonly permanent: boolean; readonly reason: string; readonly occurredAt: string }
    /** The provider never tried (reject, rendering failure). */
    | { readonly kind: 'undelivered'; readonly reason: string; readonly occurredAt: string }
    /** Nothing changes (send accepted, delivery delayed, opt-in). */
    | { readonly kind: 'ignore'; readonly reason: string };
}

/** What handling a report did. */
export type ProviderReportResult =
  | EventOutcome
  | { readonly status: 'undelivered' | 'bounced' | 'ignored' | 'unknown'; readonly reason: string; readonly assignmentId?: string };

/**
 * The decision a report is about: the one its tag names, else the one holding its message id.
 * A tagged decision whose stored message id differs from the report's is not this message's
 * (a tag value the provider rewrote can name another decision), so the message id decides.
 */
async function findDecision(deps: EventDependencies, report: ProviderReport): Promise<Assignment | undefined> {
  if (report.assignmentId !== undefined) {
    const tagged = await deps.assignments.get(report.assignmentId);
    if (tagged && (report.messageId === undefined || tagged.messageId === undefined || tagged.messageId === report.messageId)) return tagged;
  }
  return report.messageId === undefined ? undefined : deps.assignments.findByMessageId(report.messageId);
}

/**
 * Applies a provider report (an SES event) to its decision, found by tag or by message id:
 * - a response is recorded like any event (idempotent by the report's id; complaints and
 *   unsubscribes opt the customer out of the channel);
 * - a bounce moves the decision to `bounced` and keeps it counted as a send without success (the
 *   channel was tried and did not reach the customer); a permanent one also records `bounced` and
 *   opts the customer out of the channel. A non-permanent bounce of a decision already
 *   `delivered` changes nothing (SES reports some auto-replies as transient bounces);
 * - a message the provider never tried (reject, rendering failure) becomes `failed` and stops
 *   counting as a send.
 */
export async function handleProviderReport(deps: EventDependencies, report: ProviderReport): Promise<ProviderReportResult> {
  const { outcome } = report;
  if (outcome.kind === 'ignore') return { status: 'ignored', reason: outcome.reason };
  if (report.assignmentId === undefined && report.messageId === undefined) return { status: 'unknown', reason: 'the report names no assignment and no message id' };
  const assignment = await findDecision(deps, report);
  if (!assignment) return { status: 'unknown', reason: 'no assignment has this assignment tag or message id' };
  const assignmentId = assignment.id;
  switch (outcome.kind) {
    case 'event':
      return recordEvent(deps, { eventId: report.eventId, type: outcome.type, occurredAt: outcome.occurredAt, assignmentId });
    case 'undelivered': {
      const changed = await deps.assignments.markUndelivered(assignment, outcome.reason);
      return { status: changed ? 'undelivered' : 'ignored', reason: changed ? outcome.reason : 'already handled', assignmentId };
    }
    case 'bounced': {
      const changed = await deps.assignments.transition({
        id: assignmentId,
        from: outcome.permanent ? ['sent', 'delivered'] : ['sent'],
        to: 'bounced',
        set: { failureReason: outcome.reason, statusChangedAt: deps.clock.now().toISOString() },
      });
      if (outcome.permanent) await recordEvent(deps, { eventId: report.eventId, type: 'bounced', occurredAt: outcome.occurredAt, assignmentId });
      return { status: changed ? 'bounced' : 'ignored', reason: changed ? outcome.reason : `${outcome.reason}: no change (the decision is ${assignment.status})`, assignmentId };
    }
  }
}
