import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import type { Route } from '../../shared/runtime/http/router';
import { createRouter } from '../../shared/runtime/http/router';
import type { Dependencies } from '../../shared/runtime/dependencies';
import { customerRoutes } from './routes/customer-routes';
import { eventRoutes, reallocateRoutes } from './routes/event-routes';
import { experimentRoutes } from './routes/experiment-routes';
import { insightsRoutes } from './routes/insights-routes';
import { resultsRoutes } from './routes/results-routes';
import { outboxRoutes, sendRoutes } from './routes/send-routes';
import { openApiRoute } from './routes/openapi-route';

/** Every route of API v1, for the handler and the OpenAPI document. */
export function apiRoutes(deps: Dependencies): Route[] {
  const routes = [...experimentRoutes(deps), ...sendRoutes(deps), ...eventRoutes(deps), ...reallocateRoutes(deps), ...customerRoutes(deps), ...resultsRoutes(deps), ...insightsRoutes(deps), ...(deps.outbox ? outboxRoutes(deps.outbox) : [])];
  return [...routes, openApiRoute(routes)];
}

/** The API Lambda handler over the given dependencies (the Lambda entry and the local platform use it). */
export function createApiHandler(deps: Dependencies) {
  return createHttpHandler(createRouter(apiRoutes(deps)));
}
