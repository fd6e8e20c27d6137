import type { Assignment, AssignmentStatus, PendingOutcome } from '../../domain/sends/assignment';

/** Timers armed in the same write as a send. */
export interface SentTimers {
  /** When to follow up on silence. */
  readonly followUpAt?: string;
  /** When reconciliation checks that delivery news came (channels whose provider reports deliveries). */
  readonly deliveryWatchAt?: string;
}

/** A status change conditioned on the current status (how redelivery is made harmless). */
export interface StatusTransition {
  /** The assignment's id. */
  readonly id: string;
  /** Allowed current statuses. */
  readonly from: readonly AssignmentStatus[];
  readonly to: AssignmentStatus;
  /** Other attributes to set. */
  readonly set?: Partial<Pick<Assignment, 'sentAt' | 'messageId' | 'failureReason' | 'attempts' | 'sendAt' | 'statusChangedAt'>>;
}

/** What claiming a queued assignment for dispatch found. */
export type ClaimResult =
  /** It was `queued` and is now `sending` (attempts + 1): the caller delivers it. */
  | { readonly claimed: true; readonly assignment: Assignment }
  /** It was not `queued` (`current` is what is there) or does not exist (no `current`): nothing written. */
  | { readonly claimed: false; readonly current?: Assignment };

/** Where decisions are stored. */
export interface AssignmentRepository {
  /** The assignment, or undefined. */
  get(id: string): Promise<Assignment | undefined>;
  /** The assignments of these ids that exist, in any order (one batched, strongly consistent read). */
  getMany(ids: readonly string[]): Promise<Assignment[]>;
  /**
   * Stores a new assignment unless one with the same id exists (a holdout decision is counted in
   * the holdout's statistics in the same write).
   * @returns `created`, or the existing assignment (sticky: nothing written).
   */
  createIfAbsent(assignment: Assignment): Promise<'created' | Assignment>;
  /**
   * `sending → sent` with the provider's message id (with its follow-up timer in the same atomic
   * write, and its delivery watch after it); false when the assignment was not `sending` (nothing
   * written). The send reaches the arm's statistics from the table's stream, seconds later, once.
   */
  markSent(assignment: Assignment, messageId: string, sentAt: string, timers?: SentTimers): Promise<boolean>;
  /**
   * `sent → failed` for a message the provider reports was never delivered, and the send taken
   * back out of the arm's statistics, atomically; false when it was not `sent` (nothing written).
   */
  markUndelivered(assignment: Assignment, reason: string): Promise<boolean>;
  /**
   * `queued → sending` with one more attempt, returning the claimed assignment (one write, no read
   * first); when it was not queued, what is there instead.
   */
  claim(id: string, at: string): Promise<ClaimResult>;
  /**
   * `sending → failed` with the reason, counted as a failure in the arm's statistics, atomically;
   * false when it was not `sending` (nothing written).
   */
  markFailed(assignment: Assignment, reason: string, failedAt: string): Promise<boolean>;
  /**
   * Notes a dispatch's outcome on a `sending` assignment whose claim made it (`attempts` equal to
   * the outcome's `attempt`), in one write of that item alone; false when it is not (nothing written).
   * Every status change out of `sending` removes the note.
   */
  noteOutcome(id: string, outcome: PendingOutcome): Promise<boolean>;
  /** The assignment whose message has this provider message id. */
  findByMessageId(messageId: string): Promise<Assignment | undefined>;
  /** Applies a transition; false when the current status is not among `from` (nothing written). */
  transition(transition: StatusTransition): Promise<boolean>;
  /** How many assignments of the customer in a capped status were decided at or after `since`. */
  countRecentSends(customerId: string, since: string): Promise<number>;
  /** Deferred assignments whose `sendAt` has come. */
  dueDeferred(now: string, limit: number): Promise<readonly Assignment[]>;
  /** Assignments of a customer (for erasure), newest first. */
  listForCustomer(customerId: string): Promise<readonly Assignment[]>;
  /** Removes a decision's personal data: contact snapshot, template values and failure reason (which may quote an address), keeping the statistics. */
  eraseContact(id: string): Promise<void>;
}
