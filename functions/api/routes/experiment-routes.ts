import { ExperimentDefinitionBodySchema, ExperimentPageResponseSchema, ExperimentResponseSchema, ListQuerySchema } from '../../../shared/contracts/experiments';
import type { Experiment } from '../../../shared/domain/experiment/experiment';
import { LIFECYCLE_ACTIONS, type LifecycleAction } from '../../../shared/domain/experiment/lifecycle';
import { ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { describeSummary } from '../../../shared/domain/results/experiment-summary';
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
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

/** How long a client may keep a page of the listing before asking again (with If-None-Match). */
export const LIST_MAX_AGE_SECONDS = 5;

export { DEFAULT_PAGE_SIZE, ExperimentPageResponseSchema, ExperimentResponseSchema, ListQuerySchema, MAX_PAGE_SIZE } from '../../../shared/contracts/experiments';
const IF_MATCH = { name: 'If-Match', description: 'The version (ETag) you read; the change is refused with 409 if it moved on.' };
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', description: 'Repeating a request with the same key returns the first result and writes nothing.' };
const TAG = 'experiments';
/** What the body is, in error messages. */
const DEFINITION = 'experiment definition';

function etag(experiment: Experiment): string {
  return `"${experiment.version}"`;
}

function experimentResponse(experiment: Experiment, statusCode = 200): HttpResponse {
  return { statusCode, headers: { etag: etag(experiment) }, body: experiment };
}

/** The version named by an `If-Match` header (`"3"`, `W/"3"` or `3`), if any; `what` names the resource in errors. */
export function expectedVersion(request: HttpRequest, what = 'experiment'): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match?.[1]) throw new ValidationError(`If-Match must be the ETag of the ${what}, e.g. "3"`, [{ path: 'If-Match', message: `not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} version: ${header}` }]);
  return Number(match[1]);
}

/** The `Idempotency-Key` header, if any (1 to 255 characters). */
export function idempotencyKey(request: HttpRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) throw new ValidationError('Idempotency-Key must be 1 to 255 characters', [{ path: 'Idempotency-Key', message: 'length out of range' }]);
  return key;
}

function actionRoute(deps: ExperimentDependencies, action: LifecycleAction): Route {
  return {
    method: 'POST',
    path: `/v1/experiments/{id}/${action}`,
    response: { status: 200, schema: ExperimentResponseSchema, description: 'The experiment in its new state' },
    doc: { summary: `${action.charAt(0).toUpperCase()}${action.slice(1)} an experiment`, tag: TAG, headers: [IF_MATCH] },
    handler: async (request) => experimentResponse(await transitionExperiment(deps, request.params.id ?? '', action, expectedVersion(request))),
  };
}

/** The experiment-definition routes of API v1. */
export function experimentRoutes(deps: ExperimentDependencies): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/experiments',
      body: { schema: ExperimentDefinitionBodySchema, what: DEFINITION },
      response: { status: 201, schema: ExperimentResponseSchema, description: 'Created (200 on an idempotent repeat)' },
      doc: { summary: 'Create a draft experiment', tag: TAG, headers: [IDEMPOTENCY_KEY] },
      handler: async (request, { body }) => {
        const { experiment, created } = await createExperiment(deps, body, idempotencyKey(request));
        return { ...experimentResponse(experiment, created ? 201 : 200), headers: { etag: etag(experiment), location: `/v1/experiments/${experiment.id}` } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/experiments',
      query: ListQuerySchema,
      response: { status: 200, schema: ExperimentPageResponseSchema, description: 'A page of experiments' },
      doc: { summary: 'List experiments, newest first (ETag/If-None-Match → 304; Cache-Control max-age 5 s)', tag: TAG, headers: [{ name: 'If-None-Match', description: 'The ETag of the page you hold: 304 Not Modified while it is current.' }] },
      handler: async (request, { query }) => {
        const { items, nextCursor, summaries } = await listExperiments(deps, query);
        const listed = items.map((experiment) => ({ ...experiment, summary: describeSummary(experiment.status, summaries?.[experiment.id]) }));
        return cacheableJson({ items: listed, ...(nextCursor === undefined ? {} : { nextCursor }) }, request.headers['if-none-match'], LIST_MAX_AGE_SECONDS);
      },
    }),
    {
      method: 'GET',
      path: '/v1/experiments/{id}',
      response: { status: 200, schema: ExperimentResponseSchema, description: 'The experiment' },
      doc: { summary: 'Get an experiment', tag: TAG },
      handler: async (request) => experimentResponse(await getExperiment(deps, request.params.id ?? '')),
    },
    defineRoute({
      method: 'PUT',
      path: '/v1/experiments/{id}',
      body: { schema: ExperimentDefinitionBodySchema, what: DEFINITION },
      response: { status: 200, schema: ExperimentResponseSchema, description: 'The updated experiment' },
      doc: { summary: "Replace a draft's definition", tag: TAG, headers: [IF_MATCH] },
      handler: async (request, { body }) => experimentResponse(await updateExperiment(deps, request.params.id ?? '', body, expectedVersion(request))),
    }),
    ...LIFECYCLE_ACTIONS.map((action) => actionRoute(deps, action)),
  ];
}
