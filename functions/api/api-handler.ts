import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { createRouter, type Route } from '../../shared/runtime/http/router';
import { apiKeyAuthorizer } from '../../shared/runtime/http/api-key-authorizer';
import { apiKeyRoutes } from './routes/api-key-routes';
import type { ApiDependencies } from './api-composition';
import { customerRoutes } from './routes/customer-routes';
import { eventRoutes } from './routes/event-routes';
import { experimentRoutes } from './routes/experiment-routes';
import { journeyCountsRoute, journeyRoutes } from './routes/journey-routes';
import { outboxRoutes, sendRoutes } from './routes/send-routes';
import { sessionRoute } from './routes/session-route';
import { triggerRoutes } from './routes/trigger-routes';
import { segmentRoutes } from './routes/segment-routes';

/**
 * The routes of API v1 this function serves: every `/v1` path but those of the analysis function
 * (results, touchpoints, reallocation) and the OpenAPI document's (`infra/http-paths.ts`).
 */
export function apiRoutes(deps: ApiDependencies): Route[] {
  return [...experimentRoutes(deps), ...journeyRoutes(deps), journeyCountsRoute(deps), ...sendRoutes(deps), ...eventRoutes(deps), ...customerRoutes(deps), ...apiKeyRoutes(deps), sessionRoute(deps), ...segmentRoutes(deps), ...triggerRoutes(deps), ...(deps.outbox ? outboxRoutes(deps.outbox) : [])];
}

/** The API Lambda handler over the given dependencies (the Lambda entry and the local platform use it). */
export function createApiHandler(deps: ApiDependencies, observability: Pick<Observability, 'logger'> = createLogger()) {
  return createHttpHandler(createRouter(apiRoutes(deps), apiKeyAuthorizer(deps)), observability);
}
