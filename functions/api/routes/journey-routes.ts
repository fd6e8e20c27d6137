import {
  JourneyCountsResponseSchema,
  JourneyDefinitionBodySchema,
  JourneyListQuerySchema,
  JourneyPageResponseSchema,
  JourneyResponseSchema,
} from '../../../shared/contracts/journeys';
import type { Journey } from '../../../shared/domain/journeys/journey-definition';
import type { HttpResponse } from '../../../shared/runtime/http/http-types';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';
import { getJourneyCounts, type JourneyCountsDependencies } from '../../../shared/use-cases/journeys/journey-counts';
import { createJourney, deleteJourney, getJourney, type JourneyDependencies, listJourneys, updateJourney } from '../../../shared/use-cases/journeys/journey-service';
import { expectedVersion, idempotencyKey } from './experiment-routes';

const TAG = 'journeys';
/** What the body is, in error messages. */
const DEFINITION = 'journey definition';
/** The resource, in `If-Match` errors. */
const RESOURCE = 'journey';
const IF_MATCH = { name: 'If-Match', description: 'The version (ETag) you read; the change is refused with 409 if it moved on.' };
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', description: 'Repeating a request with the same key returns the first result and writes nothing.' };

function journeyResponse(journey: Journey, statusCode = 200): HttpResponse {
  return { statusCode, headers: { etag: `"${journey.version}"` }, body: journey };
}

/** The journey routes of API v1: define journeys (admin), read them (read). */
export function journeyRoutes(deps: JourneyDependencies): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/journeys',
      body: { schema: JourneyDefinitionBodySchema, what: DEFINITION },
      response: { status: 201, schema: JourneyResponseSchema, description: 'Created (200 on an idempotent repeat); 409 journey_conflict when an experiment is in another journey' },
      doc: { summary: 'Create a journey: its stages’ experiments and a per-customer cap', tag: TAG, headers: [IDEMPOTENCY_KEY] },
      handler: async (request, { body }) => {
        const { journey, created } = await createJourney(deps, body, idempotencyKey(request));
        return { ...journeyResponse(journey, created ? 201 : 200), headers: { etag: `"${journey.version}"`, location: `/v1/journeys/${journey.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/journeys',
      query: JourneyListQuerySchema,
      response: { status: 200, schema: JourneyPageResponseSchema, description: 'A page of journeys, newest first' },
      doc: { summary: 'List journeys', tag: TAG },
      handler: async (_request, { query }) => {
        const { items, nextCursor } = await listJourneys(deps, query);
        return { statusCode: 200, body: { items, ...(nextCursor === undefined ? {} : { nextCursor }) } };
      },
    }),
    {
      method: 'GET',
      path: '/v1/journeys/{id}',
      response: { status: 200, schema: JourneyResponseSchema, description: 'The journey' },
      doc: { summary: 'Get a journey', tag: TAG },
      handler: async (request) => journeyResponse(await getJourney(deps, request.params.id ?? '')),
    },
    defineRoute({
      method: 'PUT',
      path: '/v1/journeys/{id}',
      body: { schema: JourneyDefinitionBodySchema, what: DEFINITION },
      response: { status: 200, schema: JourneyResponseSchema, description: 'The updated journey' },
      doc: { summary: "Replace a journey's definition", tag: TAG, headers: [IF_MATCH] },
      handler: async (request, { body }) => journeyResponse(await updateJourney(deps, request.params.id ?? '', body, expectedVersion(request, RESOURCE))),
    }),
    {
      method: 'DELETE',
      path: '/v1/journeys/{id}',
      response: { status: 204, description: 'Deleted: its experiments are free to join another journey' },
      doc: { summary: 'Delete a journey', tag: TAG, headers: [IF_MATCH] },
      handler: async (request) => {
        await deleteJourney(deps, request.params.id ?? '', expectedVersion(request, RESOURCE));
        return { statusCode: 204 };
      },
    },
  ];
}

/** `GET /v1/journeys/{id}/counts`: the journey's live counts from the engine's per-experiment trigger counts. */
export function journeyCountsRoute(deps: JourneyCountsDependencies): Route {
  return {
      method: 'GET',
      path: '/v1/journeys/{id}/counts',
      response: { status: 200, schema: JourneyCountsResponseSchema, description: 'Live counts per stage and experiment' },
      doc: { summary: "A journey's live counts: triggered, waiting, sent, suppressed, exited by reason", tag: TAG },
      handler: async (request) => ({ statusCode: 200, body: await getJourneyCounts(deps, request.params.id ?? '') }),
    };
}
