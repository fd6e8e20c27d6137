import type { Contact } from '../customer/customer';
import type { Channel } from '../experiment/channels';
import type { PolicyType } from '../experiment/policy';
import type { ExclusionReason } from '../eligibility/eligibility';

/**
 * Lifecycle of an assignment (a logged decision):
 * `queued → sending → sent → delivered`, `queued ⇄ sending` on a transient failure,
 * `sending → failed` on a permanent one; `deferred → queued` at the end of quiet hours;
 * `holdout` never sends; `cancelled` when the customer opted out before dispatch.
 * After the provider accepted: `sent → failed` when it never tried (SES reject, rendering
 * failure: no longer a send), `sent | delivered → bounced` when it tried and the message did not
 * arrive (still a send, without success; a transient bounce only from `sent`).
 */
export const ASSIGNMENT_STATUSES = ['queued', 'deferred', 'holdout', 'sending', 'sent', 'delivered', 'bounced', 'failed', 'cancelled'] as const;
/** An assignment status. */
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses that count against a customer's frequency cap (a message is, or will be, on its way). */
export const CAPPED_STATUSES: readonly AssignmentStatus[] = ['queued', 'deferred', 'sending', 'sent', 'delivered'];

/** One decision: who, which segment, which channels were possible, what was chosen and with what probability. */
export interface Assignment {
  /** Identifier, derived from experiment, customer and step (so a customer is assigned once per step). */
  readonly id: string;
  readonly experimentId: string;
  readonly customerId: string;
  /** 0 for the first message, 1, 2 … for follow-ups on silence. */
  readonly step: number;
  /** The decision this one follows up, for steps ≥ 1. */
  readonly parentAssignmentId?: string;
  /** Segment the customer fell in. */
  readonly segment: string;
  /** Channels the allocator could choose from. */
  readonly eligibleChannels: readonly Channel[];
  /** Channels left out, and why. */
  readonly excluded: Readonly<Partial<Record<Channel, ExclusionReason>>>;
  /** The chosen channel; null for the holdout. */
  readonly channel: Channel | null;
  /** Probability of this outcome given the eligible channels (what inverse-propensity weighting uses). */
  readonly propensity: number;
  /** Version of the allocation whose weights were used (0 = the initial uniform split). */
  readonly allocationVersion: number;
  /** Policy of the experiment at decision time. */
  readonly policy: PolicyType;
  /** Seed of the draw, for audit and replay. */
  readonly decisionSeed: number;
  readonly status: AssignmentStatus;
  /** ISO instant of the decision. */
  readonly decidedAt: string;
  /** ISO instant a deferred message may go (end of quiet hours). */
  readonly sendAt?: string;
  /** ISO instant the provider accepted the message. */
  readonly sentAt?: string;
  /** Provider's message id (SES/SNS MessageId, inbox id, webhook id). */
  readonly messageId?: string;
  /** Why the message failed or was cancelled. */
  readonly failureReason?: string;
  /** Template values for rendering at dispatch. */
  readonly variables: Readonly<Record<string, string>>;
  /** Contact snapshot for dispatch (erased with the customer). */
  readonly contact: Contact;
  /** Client idempotency key of the request, if any. */
  readonly idempotencyKey?: string;
  /** ISO instant of the goal event that counted as this decision's success, if any. */
  readonly goalAt?: string;
  /** The event that counted. */
  readonly goalEventId?: string;
  /** ISO instant of the last status change (reconciliation ages pending assignments by it). */
  readonly statusChangedAt?: string;
  /** Dispatch attempts so far. */
  readonly attempts: number;
  /** A dispatch's outcome whose status write failed, noted for the redelivery to apply (see {@link PendingOutcome}). */
  readonly pendingOutcome?: PendingOutcome;
}

/**
 * The outcome of a dispatch whose status write still failed after the store's retries, noted on
 * the decision (still `sending`) by one small write, so that the redelivery applies it instead of
 * leaving the decision in `sending`: `sent` is recorded with the provider's message id (the
 * provider is not called again); `queued` (the call failed, or never happened), `failed` and
 * `cancelled` release the claim. It applies only to the claim that made it (`attempt`).
 */
export type PendingOutcome =
  | { readonly to: 'sent'; readonly attempt: number; readonly messageId: string; readonly at: string }
  | { readonly to: 'queued' | 'failed' | 'cancelled'; readonly attempt: number; readonly reason: string; readonly at: string };
