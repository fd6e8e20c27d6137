import type { Attribution } from '../../domain/events/attribution';
import type { ResponseEvent } from '../../domain/events/response-event';
import type { Assignment } from '../../domain/sends/assignment';

/** A goal this event may count for: one decision (the answered one, or an earlier step it follows up). */
export interface GoalCandidate {
  /** The decision. */
  readonly assignment: Assignment;
  /** Delay from the decision's send to the event. */
  readonly delayMs: number;
}

/** What recording one event writes. */
export interface EventRecord {
  /** The event, with the decision it answers resolved. */
  readonly event: ResponseEvent & { readonly assignmentId: string; readonly experimentId: string; readonly customerId: string };
  /** How the event relates to the answered decision's goal. */
  readonly attribution: Attribution['kind'];
  /** Decisions whose goal this event reaches inside their window. */
  readonly goals: readonly GoalCandidate[];
  /** ISO instant it was received. */
  readonly receivedAt: string;
}

/** Result of recording. */
export type EventRecordResult =
  /** The event id was seen before: nothing changed. */
  | { readonly status: 'duplicate' }
  /** Stored; `counted` lists the decisions that got a success from it (empty if none). */
  | { readonly status: 'recorded'; readonly counted: readonly string[] };

/** Stores events idempotently. */
export interface EventStore {
  /**
   * Stores the event once per event id and counts each goal candidate that has no success yet (a
   * decision counts one success at most; its counter follows from the table's stream, once). A
   * repeated event is a duplicate, except that it finishes the counting of an earlier try that
   * stopped after storing the event; only the try that wrote a success answers `recorded` with it.
   */
  record(record: EventRecord): Promise<EventRecordResult>;
}
