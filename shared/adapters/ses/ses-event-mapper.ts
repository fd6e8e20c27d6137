/**
 * SES event publishing events, as the configuration set's EventBridge destination delivers them
 * (source `aws.ses`, the SES event record as `detail`), mapped to what they mean for Channel Lab.
 * The shapes follow https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html;
 * what each outcome does to the decision, the customer and the results is in docs/architecture.md
 * ("What SES tells us, and what it changes").
 */
import * as z from 'zod';
import type { ProviderReport } from '../../use-cases/events/handle-provider-event';

/** An SES event in Channel Lab's terms: its dedupe id (`ses-<EventBridge id>`), the decision (tag and message id), and what it means. */
export type MappedSesEvent = ProviderReport;

/** The message tag carrying the assignment id (set by the SES email sender). */
const ASSIGNMENT_TAG = 'assignmentId';

const TimestampSchema = z.object({ timestamp: z.string() }).partial();

const TopicPreferencesSchema = z
  .object({
    unsubscribeAll: z.boolean(),
    topicSubscriptionStatus: z.array(z.object({ topicName: z.string().optional(), subscriptionStatus: z.string().optional() })),
  })
  .partial();

/** The parts of an EventBridge SES event (configuration set event destination) that are read. */
export const SesEventBridgeSchema = z.object({
  id: z.string(),
  source: z.literal('aws.ses'),
  time: z.string().optional(),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({
      messageId: z.string().optional(),
      timestamp: z.string().optional(),
      tags: z.record(z.string(), z.array(z.string())).optional(),
    }),
    delivery: TimestampSchema.optional(),
    open: TimestampSchema.optional(),
    click: TimestampSchema.extend({ link: z.string().optional() }).optional(),
    bounce: TimestampSchema.extend({
      bounceType: z.string().optional(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(z.object({ status: z.string().optional() })).optional(),
    }).optional(),
    complaint: TimestampSchema.optional(),
    reject: z.object({ reason: z.string().optional() }).optional(),
    failure: z.object({ errorMessage: z.string().optional() }).optional(),
    deliveryDelay: TimestampSchema.extend({ delayType: z.string().optional() }).optional(),
    subscription: TimestampSchema.extend({ newTopicPreferences: TopicPreferencesSchema.optional() }).optional(),
  }),
});

/** A parsed SES event. */
export type SesEventBridgeEvent = z.output<typeof SesEventBridgeSchema>;

/** The one bounce type after which SES will not deliver to the address again. */
const PERMANENT_BOUNCE = 'Permanent';
/** Topic status of an opt-out in a Subscription event. */
const OPT_OUT = 'OptOut';

/** Why the message bounced, without the recipient's address or the remote server's text (they may name the person). */
function bounceReason(bounce: NonNullable<SesEventBridgeEvent['detail']['bounce']>): string {
  const status = bounce.bouncedRecipients?.find((recipient) => recipient.status)?.status;
  return `SES bounce: ${bounce.bounceType ?? 'Undetermined'}/${bounce.bounceSubType ?? 'Undetermined'}${status ? ` (${status})` : ''}`;
}

/** Whether a subscription change leaves the recipient out of some or all of the mail. */
function optsOut(preferences: z.output<typeof TopicPreferencesSchema> | undefined): boolean {
  return preferences?.unsubscribeAll === true || (preferences?.topicSubscriptionStatus ?? []).some((topic) => topic.subscriptionStatus === OPT_OUT);
}

/** Maps an EventBridge SES event to Channel Lab's terms. */
export function mapSesEvent(event: SesEventBridgeEvent): MappedSesEvent {
  const { detail } = event;
  const fallback = detail.mail.timestamp ?? event.time ?? new Date(0).toISOString();
  const at = (part?: { timestamp?: string }) => part?.timestamp ?? fallback;
  const tag = detail.mail.tags?.[ASSIGNMENT_TAG]?.[0];
  const base = {
    eventId: `ses-${event.id}`,
    ...(tag ? { assignmentId: tag } : {}),
    ...(detail.mail.messageId ? { messageId: detail.mail.messageId } : {}),
  };
  switch (detail.eventType) {
    case 'Send':
      return { ...base, outcome: { kind: 'ignore', reason: 'Send: SES accepted the message (the dispatcher recorded the send already)' } };
    case 'Delivery':
      return { ...base, outcome: { kind: 'event', type: 'delivered', occurredAt: at(detail.delivery) } };
    case 'Open':
      return { ...base, outcome: { kind: 'event', type: 'opened', occurredAt: at(detail.open) } };
    case 'Click':
      return { ...base, outcome: { kind: 'event', type: 'clicked', occurredAt: at(detail.click) } };
    case 'Complaint':
      return { ...base, outcome: { kind: 'event', type: 'complained', occurredAt: at(detail.complaint) } };
    case 'Bounce': {
      const bounce = detail.bounce ?? {};
      return { ...base, outcome: { kind: 'bounced', permanent: bounce.bounceType === PERMANENT_BOUNCE, reason: bounceReason(bounce), occurredAt: at(detail.bounce) } };
    }
    case 'Reject':
      return { ...base, outcome: { kind: 'undelivered', reason: `rejected by SES: ${detail.reject?.reason ?? 'unknown'}`, occurredAt: fallback } };
    case 'Rendering Failure':
      return { ...base, outcome: { kind: 'undelivered', reason: `rendering failure: ${detail.failure?.errorMessage ?? 'unknown'}`, occurredAt: fallback } };
    case 'DeliveryDelay':
      return { ...base, outcome: { kind: 'ignore', reason: `DeliveryDelay (${detail.deliveryDelay?.delayType ?? 'unknown'}): SES keeps trying; a Delivery or a Bounce follows` } };
    case 'Subscription':
      return optsOut(detail.subscription?.newTopicPreferences)
        ? { ...base, outcome: { kind: 'event', type: 'unsubscribed', occurredAt: at(detail.subscription) } }
        : { ...base, outcome: { kind: 'ignore', reason: 'Subscription: an opt-in or an unchanged preference' } };
    default:
      return { ...base, outcome: { kind: 'ignore', reason: `${detail.eventType}: nothing to record` } };
  }
}
