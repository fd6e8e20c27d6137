import { renderMessage, type RenderedMessage } from '../../domain/content/render-message';
import { PermanentDeliveryError } from '../../domain/errors/delivery-errors';
import { ValidationError } from '../../domain/errors/channel-lab-error';
import type { Channel } from '../../domain/experiment/channels';
import type { MessageLinks } from '../../domain/content/render-message';
import type { Clock } from '../ports/clock';
import { followUpDueAt } from '../follow-ups/follow-up-on-silence';
import type { SendContext, SendResult } from '../ports/channel-sender';
import type { AssignmentRepository, CustomerRepository, ExperimentSource } from '../ports/send-ports';

/** Channels whose provider reports deliveries (SES configuration-set events). */
export const CHANNELS_WITH_DELIVERY_NEWS: readonly Channel[] = ['email'];
/** How long a sent email may wait for delivery news before reconciliation reports it. */
export const DELIVERY_NEWS_WITHIN_MS = 6 * 3_600_000;

/** Tries to record `sent` after the provider accepted a message. */
export const MARK_SENT_ATTEMPTS = 3;

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
  /** Time. */
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

/**
 * Delivers one queued assignment exactly once: the assignment is claimed with a conditional
 * `queued → sending` transition (a redelivered message finds it claimed and does nothing), the
 * customer's opt-outs are checked again, the content is rendered with signed links, the provider's
 * message id is stored with `sending → sent`. A permanent failure ends in `failed` (not a send for
 * the bandit); a transient one returns the assignment to `queued` and rethrows, so SQS retries.
 * Once the provider accepted, the assignment never returns to `queued`: a crash (or a store that
 * keeps failing) between the provider call and `sent` leaves `sending`, which reconciliation
 * reports (never resent: at most one message per decision).
 */
export async function dispatchAssignment(deps: DispatchDependencies, assignmentId: string): Promise<DispatchOutcome> {
  const assignment = await deps.assignments.get(assignmentId);
  if (!assignment) return 'unknown';
  if (assignment.status !== 'queued' || assignment.channel === null) return 'skipped';
  const attempts = assignment.attempts + 1;
  const claimed = await deps.assignments.transition({ id: assignmentId, from: ['queued'], to: 'sending', set: { attempts, statusChangedAt: deps.clock.now().toISOString() } });
  if (!claimed) return 'skipped';

  const channel = assignment.channel;
  const fail = async (reason: string, to: 'failed' | 'cancelled' = 'failed'): Promise<DispatchOutcome> => {
    await deps.assignments.transition({ id: assignmentId, from: ['sending'], to, set: { failureReason: reason } });
    return to;
  };

  const customer = await deps.customers.get(assignment.customerId);
  if (customer?.optOuts[channel] !== undefined) return fail(`customer opted out of ${channel} before dispatch`, 'cancelled');
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
    ({ providerMessageId } = await deps.sendMessage(message, { assignmentId, idempotencyKey: assignmentId, experimentId: assignment.experimentId }));
  } catch (error) {
    if (error instanceof PermanentDeliveryError) return fail(error.message);
    const reason = error instanceof Error ? error.message : String(error);
    await deps.assignments.transition({ id: assignmentId, from: ['sending'], to: 'queued', set: { failureReason: reason, statusChangedAt: deps.clock.now().toISOString() } });
    throw error;
  }
  // The provider accepted the message: from here on it never goes back to `queued` (no second
  // message). Recording it is retried; if every try fails the error reaches SQS, whose redelivery
  // finds `sending` and does nothing, and reconciliation reports the assignment.
  const sentAt = deps.clock.now().toISOString();
  const followUpAt = followUpDueAt(assignment, experiment?.definition.followUp, sentAt);
  const deliveryWatchAt = CHANNELS_WITH_DELIVERY_NEWS.includes(channel) ? new Date(Date.parse(sentAt) + DELIVERY_NEWS_WITHIN_MS).toISOString() : undefined;
  const timers = { ...(followUpAt ? { followUpAt } : {}), ...(deliveryWatchAt ? { deliveryWatchAt } : {}) };
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deps.assignments.markSent(assignment, providerMessageId, sentAt, timers);
      return 'sent';
    } catch (error) {
      if (attempt >= MARK_SENT_ATTEMPTS) throw error;
    }
  }
}
