import type { Customer } from '../../domain/customer/customer';
import type { Channel } from '../../domain/experiment/channels';
import type { Experiment } from '../../domain/experiment/experiment';
import type { Assignment, AssignmentStatus } from '../../domain/sends/assignment';

/** Where customers are stored. */
export interface CustomerRepository {
  /** The customer (strongly consistent: an opt-out is seen by the very next decision). */
  get(id: string): Promise<Customer | undefined>;
  /** Creates or replaces the customer's attributes, contact and consents (opt-outs are kept). */
  put(customer: Customer): Promise<void>;
  /** Records opt-outs (merged into existing ones; creates the customer if unknown). */
  optOut(id: string, channels: readonly Channel[], at: string): Promise<void>;
  /** Deletes the profile (contact, attributes, consents); opt-outs survive as a suppression list. */
  erase(id: string, at: string): Promise<void>;
}

/** Timers armed in the same write as a send. */
export interface SentTimers {
  /** When to follow up on silence. */
  readonly followUpAt?: string;
  /** When reconciliation checks that delivery news came (channels whose provider reports deliveries). */
  readonly deliveryWatchAt?: string;
}

/** A status change conditioned on the current status (how redelivery is made harmless). */
export interface StatusTransition {
  /** The assignment. */
  readonly id: string;
  /** Allowed current statuses. */
  readonly from: readonly AssignmentStatus[];
  /** New status. */
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
   * `sending → sent` with the provider's message id, and the send counted in the arm's statistics,
   * in one atomic write (with its timers: follow-up on silence, delivery watch); false when the
   * assignment was not `sending` (nothing written).
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
  /** Removes the contact snapshot and variables of an assignment (erasure), keeping the statistics. */
  /** Removes a decision's personal data: contact snapshot, template values and failure reason (which may quote an address). */
  eraseContact(id: string): Promise<void>;
}

/** Weights of one segment: per channel (sum 1) and the holdout share. */
export interface SegmentWeights {
  /** Weight per channel. */
  readonly weights: Readonly<Partial<Record<Channel, number>>>;
  /** Share of decisions held out. */
  readonly holdout: number;
}

/** The weights the send path decides with. */
export interface CurrentAllocation {
  /** Version (0 = initial uniform split, before any allocator run). */
  readonly version: number;
  /** Weights per segment name. */
  readonly segments: Readonly<Record<string, SegmentWeights>>;
}

/** Reads an experiment's current allocation (adapters cache it briefly). */
export interface AllocationSource {
  /** The latest allocation, or undefined before the allocator's first run. */
  current(experimentId: string, maxAgeMs: number): Promise<CurrentAllocation | undefined>;
}

/** Reads experiments for the hot paths (adapters cache them briefly). */
export interface ExperimentSource {
  /** The experiment, or undefined. */
  get(experimentId: string): Promise<Experiment | undefined>;
}

/** A dispatch request. */
export interface DispatchRequest {
  /** The assignment to deliver. */
  readonly assignmentId: string;
  /** Its experiment. */
  readonly experimentId: string;
}

/** The dispatch queue (SQS in the cloud, in process locally). */
export interface DispatchQueue {
  /** Enqueues; returns the assignment ids that could not be enqueued (reconciliation re-enqueues them). */
  enqueue(requests: readonly DispatchRequest[]): Promise<readonly string[]>;
}

/** A source of decision seeds (random in production, fixed in tests). */
export interface SeedSource {
  /** A new 32-bit seed. */
  nextSeed(): number;
}

/** A pending follow-up check: at `dueAt`, if the decision has no success yet, follow up. */
export interface FollowUpTimer {
  /** The decision to follow up. */
  readonly assignmentId: string;
  /** Its experiment. */
  readonly experimentId: string;
  /** ISO instant it is due. */
  readonly dueAt: string;
}

/** Follow-up timers (written with `markSent`). */
export interface FollowUpTimers {
  /** Timers due at `now`, oldest first, at most `limit`. */
  due(now: string, limit: number): Promise<readonly FollowUpTimer[]>;
  /** Removes a handled timer. */
  remove(timer: FollowUpTimer): Promise<void>;
}

/** An assignment waiting in `queued` or `sending` (the reconciliation's view). */
export interface PendingAssignment {
  /** The assignment. */
  readonly id: string;
  /** Its experiment. */
  readonly experimentId: string;
  /** `queued` or `sending`. */
  readonly status: 'queued' | 'sending';
  /** ISO instant it entered that status. */
  readonly since: string;
}

/** Lists assignments waiting in `queued` or `sending`. */
export interface PendingAssignments {
  /** Every pending assignment (the set is small: messages wait seconds). */
  listPending(): Promise<readonly PendingAssignment[]>;
}
