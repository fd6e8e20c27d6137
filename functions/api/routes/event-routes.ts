import * as z from 'zod';
import { EventsBodySchema, EventsResponseSchema } from '../../../shared/contracts/events';
import { MAX_EVENT_BATCH } from '../../../shared/domain/events/response-event';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { type AnyEventDependencies, recordAnyEvent, recordAnyEvents } from '../../../shared/use-cases/events/record-any-event';
import type { Route } from '../../../shared/runtime/http/router';

const BatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1, 'events must not be empty').max(MAX_EVENT_BATCH, `at most ${MAX_EVENT_BATCH} events per request`),
});

/** `POST /v1/events`: one event, or `{ events: [...] }` (up to 500, responses and customer events mixed) with a result per event. */
export function eventRoutes(deps: AnyEventDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/events',
      scope: 'send',
      // Validated here, event by event: one bad event of a batch is rejected alone.
      body: { schema: EventsBodySchema, what: 'events', validatedBy: 'handler' },
      response: { status: 200, schema: EventsResponseSchema, description: 'Per event: status counted, recorded, duplicate or rejected; customer events: triggered, exited, recorded, duplicate or rejected' },
      doc: { summary: 'Record responses (delivery, open, click, reply, conversion, survey, unsubscribe, bounce, complaint) and customer events (kind: customer: they trigger and exit triggered sends): one event or { events: [...] }', tag: 'events' },
      handler: async (_request, { json: body }) => {
        if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'events' in body) {
          const parsed = BatchSchema.safeParse(body);
          if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'invalid batch', [{ path: 'events', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
          return { statusCode: 200, body: { results: await recordAnyEvents(deps, parsed.data.events) } };
        }
        const outcome = await recordAnyEvent(deps, body);
        if (outcome.status === 'rejected') {
          const error = outcome.error;
          if (error?.code === 'not_found') throw new NotFoundError(error.message);
          throw new ValidationError(error?.message ?? 'invalid event', error?.details);
        }
        return { statusCode: 200, body: outcome };
      },
    },
  ];
}
