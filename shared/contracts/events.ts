import * as z from 'zod';
import { MAX_EVENT_BATCH, ResponseEventSchema } from '../domain/events/response-event';
import { ErrorDetailSchema } from './errors';
import { named } from './schema-registry';
import { CustomerEventBodySchema, TriggeredSendSchema } from './triggers';

/** One response event of `POST /v1/events`. */
export const ResponseEventBodySchema = named(ResponseEventSchema, 'ResponseEvent');
/** One response event. */
export type ResponseEventBody = z.input<typeof ResponseEventBodySchema>;

/** One event of `POST /v1/events`: a response (names a decision) or a customer event (`kind: "customer"`, names a customer). */
export const AnyEventBodySchema = z.union([CustomerEventBodySchema, ResponseEventBodySchema]);
/** One event of either kind. */
export type AnyEventBody = z.input<typeof AnyEventBodySchema>;

/** Body of `POST /v1/events`: one event, or `{ events: [...] }` (the two kinds may be mixed). */
export const EventsBodySchema = z.union([AnyEventBodySchema, z.strictObject({ events: z.array(AnyEventBodySchema).max(MAX_EVENT_BATCH) })]);

/** What happened to one event. */
export const EventOutcomeSchema = named(
  z.object({
    eventId: z.string().optional(),
    /**
     * Responses: `counted`, `recorded`, `duplicate`, `rejected`. Customer events: `triggered` (sends
     * now pending, in `triggered`), `exited` (waiting sends cancelled, how many in `exited`),
     * `recorded` (nothing matched), `duplicate` (seen before: nothing changed), `rejected`.
     */
    status: z.enum(['counted', 'recorded', 'duplicate', 'rejected', 'triggered', 'exited']),
    kind: z.enum(['response', 'customer']).optional().describe('Which kind of event this was (customer events say so)'),
    assignmentId: z.string().optional(),
    counted: z.array(z.string()).optional().describe('Decisions that got a success'),
    attribution: z.string().optional(),
    reason: z.enum(['not_goal', 'late', 'before_decision', 'not_sent_yet', 'already_counted']).optional(),
    message: z.string().optional(),
    triggered: z.array(TriggeredSendSchema).optional().describe('Sends this customer event made pending, with when they are due'),
    exited: z.int().min(0).optional().describe('Waiting sends this customer event cancelled'),
    error: z.object({ code: z.string(), message: z.string(), details: z.array(ErrorDetailSchema).optional() }).optional(),
  }),
  'EventOutcome',
);
/** What happened to one event. */
export type EventOutcomeResponse = z.output<typeof EventOutcomeSchema>;

/** Answer of `POST /v1/events`. */
export const EventsResponseSchema = z.union([EventOutcomeSchema, z.object({ results: z.array(EventOutcomeSchema) })]);
