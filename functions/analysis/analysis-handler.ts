import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { apiKeyAuthorizer } from '../../shared/runtime/http/api-key-authorizer';
import { createRouter, type Route } from '../../shared/runtime/http/router';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import type { AnalysisDependencies } from './analysis-composition';
import { insightsRoutes } from './routes/insights-routes';
import { reallocateRoutes } from './routes/reallocate-routes';
import { resultsRoutes } from './routes/results-routes';

/**
 * The routes of API v1 that compute the bandit's statistics: results (what dashboards poll), the
 * touchpoint map and an on-demand reallocation. Their paths are `ANALYSIS_PATHS` (`infra/http-paths.ts`).
 */
export function analysisRoutes(deps: AnalysisDependencies): Route[] {
  return [...reallocateRoutes(deps), ...resultsRoutes(deps), ...insightsRoutes(deps)];
}

/** The analysis function's Lambda handler over the given dependencies (the Lambda entry and the local platform use it). */
export function createAnalysisHandler(deps: AnalysisDependencies, observability: Pick<Observability, 'logger'> = createLogger()) {
  return createHttpHandler(createRouter(analysisRoutes(deps), apiKeyAuthorizer(deps)), observability);
}
