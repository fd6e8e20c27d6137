import * as z from 'zod';
import { CustomerIdSchema } from '../customer/customer';
import { safeText } from '../text/control-characters';

/** Response event types. */
export const EVENT_TYPES = ['delivered', 'opened', 'clicked', 'replied', 'converted', 'survey_completed', 'unsubscribed', 'bounced', 'complained'] as const;
/** A response event type. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Most events in one batch request. */
export const MAX_EVENT_BATCH = 500;
/** Longest event id. */
const MAX_EVENT_ID = 200;
/** How far in the future `occurredAt` may be (clock skew tolerated). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * One response, from the events API (or mapped from a tracking link or an SES event). It names
 * the decision it answers by `assignmentId`, by the provider's `messageId`, or by
 * `experimentId` + `customerId`.
 */
export const ResponseEventSchema = z
  .strictObject({
    eventId: safeText(1, MAX_EVENT_ID),
    type: z.enum(EVENT_TYPES),
    occurredAt: z.iso.datetime({ offset: true, message: 'occurredAt must be an ISO 8601 date-time' }),
    assignmentId: safeText(1, MAX_EVENT_ID).optional(),
    messageId: safeText(1, MAX_EVENT_ID).optional(),
    experimentId: safeText(1, MAX_EVENT_ID).optional(),
    customerId: CustomerIdSchema.optional(),
    /** A survey score or an order amount. */
    value: z.number().finite().optional(),
  })
  .superRefine((event, ctx) => {
    const byPair = event.experimentId !== undefined || event.customerId !== undefined;
    const ways = [event.assignmentId !== undefined, event.messageId !== undefined, byPair].filter(Boolean).length;
    if (ways === 0) {
      ctx.addIssue({ code: 'custom', path: ['assignmentId'], message: 'name the decision: assignmentId, messageId, or experimentId with customerId' });
    } else if (ways > 1) {
      ctx.addIssue({ code: 'custom', path: ['assignmentId'], message: 'use only one of assignmentId, messageId, or experimentId with customerId' });
    } else if (byPair && (event.experimentId === undefined || event.customerId === undefined)) {
      ctx.addIssue({ code: 'custom', path: [event.experimentId === undefined ? 'experimentId' : 'customerId'], message: 'experimentId and customerId go together' });
    }
  });
/** A parsed response event. */
export type ResponseEvent = z.output<typeof ResponseEventSchema>;
