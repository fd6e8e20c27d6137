import * as z from 'zod';
import type { Experiment } from '../../../shared/domain/experiment/experiment';
import { ExperimentDefinitionSchema } from '../../../shared/domain/experiment/experiment-definition';
import { JourneyStageSchema } from '../../../shared/domain/experiment/journey';
import { ExperimentStatusSchema, LIFECYCLE_ACTIONS, type LifecycleAction } from '../../../shared/domain/experiment/lifecycle';
import { ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { describeSummary, ExperimentSummarySchema } from '../../../shared/domain/results/experiment-summary';
import {
  createExperiment,
  type ExperimentDependencies,
  getExperiment,
  listExperiments,
  transitionExperiment,
  updateExperiment,
} from '../../../shared/use-cases/experiments/experiment-service';
import type { HttpRequest, HttpResponse } from '../../../shared/runtime/http/http-types';
import { cacheableJson } from '../../../shared/runtime/http/etag';
import { jsonBody, parseQuery } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

/** How long a client may keep a page of the listing before asking again (with If-None-Match). */
export const LIST_MAX_AGE_SECONDS = 5;
/** Default and largest page sizes of the listing. */
export const DEFAULT_PAGE_SIZE = 25;
/** Largest page size of the listing. */
export const MAX_PAGE_SIZE = 100;

/** Query string of `GET /v1/experiments`. */
export const ListQuerySchema = z.strictObject({
  status: ExperimentStatusSchema.optional(),
  stage: JourneyStageSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `limit must be ≤ ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(2048).optional(),
});

/** An experiment as the API returns it. */
export const ExperimentResponseSchema = z.object({
  id: z.string(),
  status: ExperimentStatusSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  definition: ExperimentDefinitionSchema,
});

/** A page of experiments as the API returns it, each with its one-line results summary. */
export const ExperimentPageResponseSchema = z.object({
  items: z.array(ExperimentResponseSchema.extend({ summary: ExperimentSummarySchema.optional() })),
  nextCursor: z.string().optional(),
});

const IF_MATCH = { name: 'If-Match', description: 'The version (ETag) you read; the change is refused with 409 if it moved on.' };
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', description: 'Repeating a request with the same key returns the first result and writes nothing.' };
const TAG = 'experiments';

function etag(experiment: Experiment): string {
  return `"${experiment.version}"`;
}

function experimentResponse(experiment: Experiment, statusCode = 200): HttpResponse {
  return { statusCode, headers: { etag: etag(experiment) }, body: experiment };
}

/** The version named by an `If-Match` header (`"3"`, `W/"3"` or `3`), if any. */
export function expectedVersion(request: HttpRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match?.[1]) throw new ValidationError('If-Match must be the ETag of the experiment, e.g. "3"', [{ path: 'If-Match', message: `not an experiment version: ${header}` }]);
  return Number(match[1]);
}

function idempotencyKey(request: HttpRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) throw new ValidationError('Idempotency-Key must be 1 to 255 characters', [{ path: 'Idempotency-Key', message: 'length out of range' }]);
  return key;
}

function actionRoute(deps: ExperimentDependencies, action: LifecycleAction): Route {
  return {
    method: 'POST',
    path: `/v1/experiments/{id}/${action}`,
    doc: { summary: `${action.charAt(0).toUpperCase()}${action.slice(1)} an experiment`, tag: TAG, headers: [IF_MATCH], response: { status: 200, schema: ExperimentResponseSchema, description: 'The experiment in its new state' } },
    handler: async (request) => experimentResponse(await transitionExperiment(deps, request.params.id ?? '', action, expectedVersion(request))),
  };
}

/** The experiment-definition routes of API v1. */
export function experimentRoutes(deps: ExperimentDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/experiments',
      doc: { summary: 'Create a draft experiment', tag: TAG, body: ExperimentDefinitionSchema, headers: [IDEMPOTENCY_KEY], response: { status: 201, schema: ExperimentResponseSchema, description: 'Created (200 on an idempotent repeat)' } },
      handler: async (request) => {
        const { experiment, created } = await createExperiment(deps, jsonBody(request), idempotencyKey(request));
        return { ...experimentResponse(experiment, created ? 201 : 200), headers: { etag: etag(experiment), location: `/v1/experiments/${experiment.id}` } };
      },
    },
    {
      method: 'GET',
      path: '/v1/experiments',
      doc: { summary: 'List experiments, newest first (ETag/If-None-Match → 304; Cache-Control max-age 5 s)', tag: TAG, query: ListQuerySchema, headers: [{ name: 'If-None-Match', description: 'The ETag of the page you hold: 304 Not Modified while it is current.' }], response: { status: 200, schema: ExperimentPageResponseSchema, description: 'A page of experiments' } },
      handler: async (request) => {
        const query = parseQuery(request, ListQuerySchema);
        const { items, nextCursor, summaries } = await listExperiments(deps, query);
        const listed = items.map((experiment) => ({ ...experiment, summary: describeSummary(experiment.status, summaries?.[experiment.id]) }));
        return cacheableJson({ items: listed, ...(nextCursor === undefined ? {} : { nextCursor }) }, request.headers['if-none-match'], LIST_MAX_AGE_SECONDS);
      },
    },
    {
      method: 'GET',
      path: '/v1/experiments/{id}',
      doc: { summary: 'Get an experiment', tag: TAG, response: { status: 200, schema: ExperimentResponseSchema, description: 'The experiment' } },
      handler: async (request) => experimentResponse(await getExperiment(deps, request.params.id ?? '')),
    },
    {
      method: 'PUT',
      path: '/v1/experiments/{id}',
      doc: { summary: "Replace a draft's definition", tag: TAG, body: ExperimentDefinitionSchema, headers: [IF_MATCH], response: { status: 200, schema: ExperimentResponseSchema, description: 'The updated experiment' } },
      handler: async (request) => experimentResponse(await updateExperiment(deps, request.params.id ?? '', jsonBody(request), expectedVersion(request))),
    },
    ...LIFECYCLE_ACTIONS.map((action) => actionRoute(deps, action)),
  ];
}
