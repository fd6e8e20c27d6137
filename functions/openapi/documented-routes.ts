import type { AnalysisDependencies } from '../analysis/analysis-composition';
import { analysisRoutes } from '../analysis/analysis-handler';
import type { ApiDependencies } from '../api/api-composition';
import { apiRoutes } from '../api/api-handler';
import type { Route } from '../../shared/runtime/http/router';
import { openApiDocumentRoute } from './openapi-route';

/**
 * Every route of API v1, across the functions that serve it (API, analysis, OpenAPI document): what
 * the document describes. For the build and the tests only; no function imports it (each bundles
 * only its own routes). The routes use their dependencies only when they run, so `deps` may be a stub
 * when only the declarations are read.
 */
export function documentedRoutes(deps: ApiDependencies & AnalysisDependencies): Route[] {
  return [...apiRoutes(deps), ...analysisRoutes(deps), openApiDocumentRoute()];
}
