import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import type { Route } from '../../shared/runtime/http/router';
import { type Authorizer, createRouter } from '../../shared/runtime/http/router';
import { authorize } from '../../shared/use-cases/auth/api-keys';
import { apiKeyRoutes } from './routes/api-key-routes';
import type { ApiDependencies } from './api-composition';
import { customerRoutes } from './routes/customer-routes';
import { eventRoutes, reallocateRoutes } from './routes/event-routes';
import { experimentRoutes } from './routes/experiment-routes';
import { insightsRoutes } from './routes/insights-routes';
import { journeyCountsRoute, journeyRoutes } from './routes/journey-routes';
import { resultsRoutes } from './routes/results-routes';
import { outboxRoutes, sendRoutes } from './routes/send-routes';
import { openApiRoute } from './routes/openapi-route';
import { sessionRoute } from './routes/session-route';
import { triggerRoutes } from './routes/trigger-routes';
import { segmentRoutes } from './routes/segment-routes';

/** Every route of API v1, for the handler and the OpenAPI document. */
export function apiRoutes(deps: ApiDependencies): Route[] {
  const routes = [...experimentRoutes(deps), ...journeyRoutes(deps), journeyCountsRoute(deps), ...sendRoutes(deps), ...eventRoutes(deps), ...reallocateRoutes(deps), ...customerRoutes(deps), ...resultsRoutes(deps), ...insightsRoutes(deps), ...apiKeyRoutes(deps), sessionRoute(deps), ...segmentRoutes(deps), ...triggerRoutes(deps), ...(deps.outbox ? outboxRoutes(deps.outbox) : [])];
  return [...routes, openApiRoute(routes)];
}

/** The API Lambda handler over the given dependencies (the Lambda entry and the local platform use it). */
export function createApiHandler(deps: ApiDependencies, observability: Pick<Observability, 'logger'> = createLogger()) {
  const authorizer: Authorizer | undefined =
    deps.authMode === 'api_keys' ? async (request, scope) => void (await authorize(deps, request.headers['x-api-key'], scope)) : undefined;
  return createHttpHandler(createRouter(apiRoutes(deps), authorizer), observability);
}
