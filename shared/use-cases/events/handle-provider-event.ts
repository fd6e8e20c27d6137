import type { EventType } from '../../domain/events/response-event';
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
    | { readonly kind: 'event'; readonly type: EventType; readonly occurredAt: string }
    | { readonly kind: 'undelivered'; readonly reason: string; readonly occurredAt: string }
    | { readonly kind: 'ignore'; readonly reason: string };
}

/** What handling a report did. */
export type ProviderReportResult = EventOutcome | { readonly status: 'undelivered' | 'ignored' | 'unknown'; readonly reason: string };

/**
 * Applies a provider report (SES event): responses are recorded like any event (idempotent by the
 * provider's event id; bounces and complaints opt the customer out of the channel); a message the
 * provider never delivered (reject, rendering failure) becomes `failed` and stops counting as a send.
 */
export async function handleProviderReport(deps: EventDependencies, report: ProviderReport): Promise<ProviderReportResult> {
  if (report.outcome.kind === 'ignore') return { status: 'ignored', reason: report.outcome.reason };
  const by = report.assignmentId ? { assignmentId: report.assignmentId } : report.messageId ? { messageId: report.messageId } : undefined;
  if (!by) return { status: 'unknown', reason: 'the report names no assignment and no message id' };
  if (report.outcome.kind === 'event') {
    return recordEvent(deps, { eventId: report.eventId, type: report.outcome.type, occurredAt: report.outcome.occurredAt, ...by });
  }
  const assignment = report.assignmentId ? await deps.assignments.get(report.assignmentId) : await deps.assignments.findByMessageId(report.messageId ?? '');
  if (!assignment) return { status: 'unknown', reason: 'no assignment for this message' };
  const changed = await deps.assignments.markUndelivered(assignment, report.outcome.reason);
  return { status: changed ? 'undelivered' : 'ignored', reason: changed ? report.outcome.reason : 'already handled' };
}
