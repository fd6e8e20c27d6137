import * as z from 'zod';
import { MAX_EVENT_BATCH, ResponseEventSchema } from '../domain/events/response-event';
import { ErrorDetailSchema } from './errors';
import { named } from './schema-registry';

/** One response event of `POST /v1/events`. */
export const ResponseEventBodySchema = named(ResponseEventSchema, 'ResponseEvent');
/** One response event. */
export type ResponseEventBody = z.input<typeof ResponseEventBodySchema>;

/** Body of `POST /v1/events`: one event, or `{ events: [...] }`. */
export const EventsBodySchema = z.union([ResponseEventBodySchema, z.strictObject({ events: z.array(ResponseEventBodySchema).max(MAX_EVENT_BATCH) })]);

/** What happened to one event. */
export const EventOutcomeSchema = named(
  z.object({
    eventId: z.string().optional(),
    status: z.enum(['counted', 'recorded', 'duplicate', 'rejected']),
    assignmentId: z.string().optional(),
    counted: z.array(z.string()).optional().describe('Decisions that got a success'),
    attribution: z.string().optional(),
    reason: z.enum(['not_goal', 'late', 'before_decision', 'not_sent_yet', 'already_counted']).optional(),
    message: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string(), details: z.array(ErrorDetailSchema).optional() }).optional(),
  }),
  'EventOutcome',
);
/** What happened to one event. */
export type EventOutcomeResponse = z.output<typeof EventOutcomeSchema>;

/** Answer of `POST /v1/events`. */
export const EventsResponseSchema = z.union([EventOutcomeSchema, z.object({ results: z.array(EventOutcomeSchema) })]);
