import * as z from 'zod';
import type { ProviderReport } from '../../use-cases/events/handle-provider-event';

/** An SES event in Channel Lab's terms: its dedupe id (`ses-<EventBridge id>`), the decision (from the `assignmentId` email tag), and what it means. */
export type MappedSesEvent = ProviderReport;

const TimestampSchema = z.object({ timestamp: z.string() }).partial();

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
    bounce: TimestampSchema.extend({ bounceType: z.string().optional() }).optional(),
    complaint: TimestampSchema.optional(),
    reject: z.object({ reason: z.string().optional() }).optional(),
    failure: z.object({ errorMessage: z.string().optional() }).optional(),
  }),
});

/** Maps an EventBridge SES event to Channel Lab's terms. */
export function mapSesEvent(event: z.output<typeof SesEventBridgeSchema>): MappedSesEvent {
  const { detail } = event;
  const fallback = detail.mail.timestamp ?? event.time ?? new Date(0).toISOString();
  const at = (part?: { timestamp?: string }) => part?.timestamp ?? fallback;
  const base = {
    eventId: `ses-${event.id}`,
    ...(detail.mail.tags?.assignmentId?.[0] ? { assignmentId: detail.mail.tags.assignmentId[0] } : {}),
    ...(detail.mail.messageId ? { messageId: detail.mail.messageId } : {}),
  };
  switch (detail.eventType) {
    case 'Delivery':
      return { ...base, outcome: { kind: 'event', type: 'delivered', occurredAt: at(detail.delivery) } };
    case 'Open':
      return { ...base, outcome: { kind: 'event', type: 'opened', occurredAt: at(detail.open) } };
    case 'Click':
      return { ...base, outcome: { kind: 'event', type: 'clicked', occurredAt: at(detail.click) } };
    case 'Complaint':
      return { ...base, outcome: { kind: 'event', type: 'complained', occurredAt: at(detail.complaint) } };
    case 'Bounce':
      return detail.bounce?.bounceType === 'Permanent'
        ? { ...base, outcome: { kind: 'event', type: 'bounced', occurredAt: at(detail.bounce) } }
        : { ...base, outcome: { kind: 'ignore', reason: `transient bounce (${detail.bounce?.bounceType ?? 'unknown'})` } };
    case 'Reject':
      return { ...base, outcome: { kind: 'undelivered', reason: `rejected by SES: ${detail.reject?.reason ?? 'unknown'}`, occurredAt: fallback } };
    case 'Rendering Failure':
      return { ...base, outcome: { kind: 'undelivered', reason: `rendering failure: ${detail.failure?.errorMessage ?? 'unknown'}`, occurredAt: fallback } };
    default:
      return { ...base, outcome: { kind: 'ignore', reason: `${detail.eventType}: nothing to record` } };
  }
}
