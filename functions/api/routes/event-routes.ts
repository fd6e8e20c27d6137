import * as z from 'zod';
import { MAX_EVENT_BATCH, ResponseEventSchema } from '../../../shared/domain/events/response-event';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { type AllocatorDependencies, reallocateNow } from '../../../shared/use-cases/allocation/run-allocation';
import { type EventDependencies, recordEvent, recordEvents } from '../../../shared/use-cases/events/record-events';
import { jsonBody } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

const BatchSchema = z.strictObject({
  events: z.array(z.unknown()).min(1, 'events must not be empty').max(MAX_EVENT_BATCH, `at most ${MAX_EVENT_BATCH} events per request`),
});

/** `POST /v1/events`: one event, or `{ events: [...] }` (up to 500) with a result per event. */
export function eventRoutes(deps: EventDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/events',
      scope: 'send',
      doc: {
        summary: 'Record responses (delivery, open, click, reply, conversion, survey, unsubscribe, bounce, complaint): one event or { events: [...] }',
        tag: 'events',
        body: z.union([ResponseEventSchema, z.strictObject({ events: z.array(ResponseEventSchema).max(MAX_EVENT_BATCH) })]),
        response: { status: 200, description: 'Per event: status counted, recorded, duplicate or rejected' },
      },
      handler: async (request) => {
        const body = jsonBody(request);
        if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'events' in body) {
          const parsed = BatchSchema.safeParse(body);
          if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'invalid batch', [{ path: 'events', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
          return { statusCode: 200, body: { results: await recordEvents(deps, parsed.data.events) } };
        }
        const outcome = await recordEvent(deps, body);
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

/** `POST /v1/experiments/{id}/reallocate`: runs the allocator now for one experiment (operators, tests). */
export function reallocateRoutes(deps: AllocatorDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/experiments/{id}/reallocate',
      doc: { summary: 'Run the allocator now for one experiment', tag: 'experiments', response: { status: 200, description: 'The new allocation (version, seed, weights per segment)' } },
      handler: async (request) => ({ statusCode: 200, body: await reallocateNow(deps, request.params.id ?? '') }),
    },
  ];
}
