import { renderMessage, type RenderedMessage } from '../../domain/content/render-message';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import { ValidationError } from '../../domain/errors/channel-lab-error';
import type { Channel } from '../../domain/experiment/channels';
import type { MessageLinks } from '../../domain/content/render-message';
import type { Clock } from '../ports/clock';
import { followUpDueAt } from '../follow-ups/follow-up-on-silence';
import type { SendContext, SendResult } from '../ports/channel-sender';
import type { AssignmentRepository, SentTimers } from '../ports/assignment-repository';
import type { Assignment, PendingOutcome } from '../../domain/sends/assignment';
import type { CustomerRepository } from '../ports/customer-repository';
import type { ExperimentSource } from '../ports/experiment-source';
import type { PendingAssignments } from '../ports/pending-assignments';

/** Channels whose provider reports deliveries (SES configuration-set events). */
export const CHANNELS_WITH_DELIVERY_NEWS: readonly Channel[] = ['email'];
/** How long a sent email may wait for delivery news before reconciliation reports it. */
export const DELIVERY_NEWS_WITHIN_MS = 6 * 3_600_000;

/**
 * Provider calls per decision, over every SQS receive and every reconciliation re-enqueue (two
 * SQS rounds of 5): then the decision is `failed` with its last reason, and counted as a failure.
 */
export const MAX_DISPATCH_ATTEMPTS = 10;

/** Options of one dispatch. */
export interface DispatchOptions {
  /**
   * Milliseconds the provider call may take (the edge derives it from the invocation's remaining
   * time): past it the call is cancelled through `SendContext.signal` (every sender honours it: the
   * SDK or fetch closes the connection and retries no more) and the decision returns to `queued`
   * with the reason for a retry, so no decision is left in `sending` when the function is stopped.
   */
  readonly budgetMs?: number;
}

/** The provider call outlived the dispatch's time budget. */
export class DispatchBudgetExceededError extends Error {
  constructor(budgetMs: number) {
    super(`the provider call did not answer within the invocation's remaining budget of ${budgetMs} ms: cancelled`);
    this.name = 'DispatchBudgetExceededError';
  }
}

/** The provider call, cancelled through the context's signal after `budgetMs`. */
async function withinBudget<T>(call: (signal: AbortSignal | undefined) => Promise<T>, budgetMs: number | undefined): Promise<T> {
  if (budgetMs === undefined) return call(undefined);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DispatchBudgetExceededError(budgetMs);
      reject(error);
      controller.abort(error);
    }, Math.max(0, budgetMs));
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } catch (error) {
    // Whatever the sender made of the abort, the reason is the budget.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Builds the signed links of one message (base URL and secret are the edge's business); only the decision goes into them. */
export type LinkFactory = (subject: { assignmentId: string; experimentId: string }) => MessageLinks;

/** What dispatching needs. */
export interface DispatchDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Experiments (cached). */
  readonly experimentSource: ExperimentSource;
  /** Customers (opt-outs re-checked at dispatch). */
  readonly customers: CustomerRepository;
  /** Hands a rendered message to its channel's sender. */
  readonly sendMessage: (message: RenderedMessage, context: SendContext) => Promise<SendResult>;
  /** Signed links. */
  readonly links: LinkFactory;
  /** The pending index: the rare paths put the decision where reconciliation looks. */
  readonly pending: Pick<PendingAssignments, 'markPending'>;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
}

/** What a dispatch did. */
export type DispatchOutcome =
  | 'sent'
  /** Not in `queued` (already sent, sending, failed, cancelled …): a redelivery, nothing done. */
  | 'skipped'
  | 'failed'
  | 'cancelled'
  /** The assignment does not exist (message from another table or a bug): dropped. */
  | 'unknown';

/** The follow-up settings of an experiment (what arming the follow-up timer needs). */
type FollowUpDefinition = Parameters<typeof followUpDueAt>[1];

/** Timers armed with a send: follow-up on silence, and the delivery watch for channels that report deliveries. */
function sentTimers(assignment: Assignment, followUp: FollowUpDefinition | undefined, sentAt: string): SentTimers {
  const followUpAt = followUpDueAt(assignment, followUp, sentAt);
  const channel = assignment.channel;
  const deliveryWatchAt = channel !== null && CHANNELS_WITH_DELIVERY_NEWS.includes(channel) ? new Date(Date.parse(sentAt) + DELIVERY_NEWS_WITHIN_MS).toISOString() : undefined;
  return { ...(followUpAt ? { followUpAt } : {}), ...(deliveryWatchAt ? { deliveryWatchAt } : {}) };
}

/** Writes a claimed decision's outcome (conditional on `sending`: a repeat writes nothing). */
async function writeOutcome(deps: DispatchDependencies, assignment: Assignment, outcome: PendingOutcome, followUp: FollowUpDefinition | undefined): Promise<void> {
  if (outcome.to === 'sent') await deps.assignments.markSent(assignment, outcome.messageId, outcome.at, sentTimers(assignment, followUp, outcome.at));
  else if (outcome.to === 'failed') await deps.assignments.markFailed(assignment, outcome.reason, outcome.at);
  else await deps.assignments.transition({ id: assignment.id, from: ['sending'], to: outcome.to, set: { failureReason: outcome.reason, statusChangedAt: outcome.at } });
}

/**
 * Writes the outcome; when that write still fails after the store's retries, notes the outcome on
 * the decision alone (one small write of its item, no counter) and rethrows: SQS redelivers, and
 * the redelivery applies the note without calling the provider again. Only when the note fails
 * too does the decision stay `sending` (reconciliation reports it; it is never resent).
 */
async function recordOutcome(deps: DispatchDependencies, assignment: Assignment, outcome: PendingOutcome, followUp: FollowUpDefinition | undefined): Promise<void> {
  try {
    await writeOutcome(deps, assignment, outcome, followUp);
  } catch (error) {
    await deps.assignments.noteOutcome(assignment.id, outcome).catch(() => false);
    throw error;
  }
}

/** The redelivery of a decision whose outcome was noted: applies it (a release is followed by a new dispatch). */
async function applyNotedOutcome(deps: DispatchDependencies, assignment: Assignment, outcome: PendingOutcome, options: DispatchOptions): Promise<DispatchOutcome> {
  const followUp = outcome.to === 'sent' ? (await deps.experimentSource.get(assignment.experimentId))?.definition.followUp : undefined;
  await writeOutcome(deps, assignment, outcome, followUp);
  return outcome.to === 'queued' ? dispatchAssignment(deps, assignment.id, options) : outcome.to;
}

/**
 * Delivers one queued assignment exactly once: the assignment is claimed with a conditional
 * `queued → sending` transition (a redelivered message finds it claimed and does nothing), the
 * customer's opt-outs are checked again, the content is rendered with signed links, the provider's
 * message id is stored with `sending → sent`. A permanent failure ends in `failed` (not a send for
 * the bandit); a transient one returns the assignment to `queued` and rethrows, so SQS retries.
 * Once the provider accepted, the assignment never returns to `queued`. When the status write
 * after the claim fails beyond the store's retries, the outcome is noted on the decision and the
 * redelivery applies it (see {@link PendingOutcome}); a crash between the provider call and the
 * write (or a note that failed too) leaves `sending`, which reconciliation reports (never resent:
 * at most one message per decision).
 */
export async function dispatchAssignment(deps: DispatchDependencies, assignmentId: string, options: DispatchOptions = {}): Promise<DispatchOutcome> {
  // One conditional write claims the message and returns it (a redelivery finds it claimed).
  const claim = await deps.assignments.claim(assignmentId, deps.clock.now().toISOString());
  if (!claim.claimed) {
    const current = claim.current;
    const noted = current?.pendingOutcome;
    if (current?.status === 'sending' && noted !== undefined && noted.attempt === current.attempts) return applyNotedOutcome(deps, current, noted, options);
    // `sending` with no outcome to apply: another dispatch is at it, or one stopped between the
    // provider call and `sent`. Reconciliation must see it (it reports it after `STUCK_SENDING_MS`
    // and never resends it); a dispatch that finishes moves it out of the pending index.
    if (current?.status === 'sending') await deps.pending.markPending([assignmentId]);
    return current ? 'skipped' : 'unknown';
  }
  const { assignment } = claim;
  const attempts = assignment.attempts;
  const release = async (to: 'queued' | 'failed' | 'cancelled', reason: string, followUp?: FollowUpDefinition): Promise<void> =>
    recordOutcome(deps, assignment, { to, attempt: attempts, reason, at: deps.clock.now().toISOString() }, followUp);
  const fail = async (reason: string, to: 'failed' | 'cancelled' = 'failed'): Promise<DispatchOutcome> => {
    await release(to, reason);
    return to;
  };
  const channel = assignment.channel;
  if (channel === null) return fail('a held-out decision has no message'); // never queued: unreachable but never stranded
  // Claimed once more than the cap (an older message re-enqueued): give up without calling.
  if (attempts > MAX_DISPATCH_ATTEMPTS) return fail(`gave up after ${attempts - 1} attempts: ${assignment.failureReason ?? 'unknown error'}`);

  // The channel must still be allowed now: no opt-out, and the stored consent not withdrawn since
  // the decision (a stored `false` always wins over consent given inline with the send).
  const customer = await deps.customers.get(assignment.customerId);
  if (customer?.optOuts[channel] !== undefined) return fail(`customer opted out of ${channel} before dispatch`, 'cancelled');
  if (customer?.consents[channel] === false) return fail(`consent to ${channel} was withdrawn after the decision`, 'cancelled');
  const experiment = await deps.experimentSource.get(assignment.experimentId);
  const content = experiment?.definition.channels.find((candidate) => candidate.channel === channel);
  if (!content) return fail(`experiment ${assignment.experimentId} has no ${channel} content`);

  let message: RenderedMessage;
  try {
    message = renderMessage(content, {
      variables: assignment.variables,
      customerId: assignment.customerId,
      contact: assignment.contact,
      links: deps.links({ assignmentId, experimentId: assignment.experimentId }),
    });
  } catch (error) {
    if (error instanceof ValidationError) return fail(`rendering failed: ${error.message}`);
    throw error;
  }

  let providerMessageId: string;
  try {
    const context = { assignmentId, idempotencyKey: assignmentId, experimentId: assignment.experimentId };
    ({ providerMessageId } = await withinBudget((signal) => deps.sendMessage(message, signal ? { ...context, signal } : context), options.budgetMs));
  } catch (error) {
    if (error instanceof PermanentDeliveryError) return fail(error.message);
    const reason = error instanceof Error ? error.message : String(error);
    if (attempts >= MAX_DISPATCH_ATTEMPTS) return fail(`gave up after ${attempts} attempts: ${reason}`);
    await release('queued', reason);
    throw error;
  }
  // The provider accepted the message: from here on it never goes back to `queued` (no second
  // message). If recording it fails beyond the store's retries, the provider's id is noted on the
  // decision and the redelivery records it.
  await recordOutcome(deps, assignment, { to: 'sent', attempt: attempts, messageId: providerMessageId, at: deps.clock.now().toISOString() }, experiment?.definition.followUp);
  return 'sent';
}
