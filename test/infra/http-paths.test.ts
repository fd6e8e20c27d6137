import { describe, expect, it } from 'vitest';
import type { AnalysisDependencies } from '../../functions/analysis/analysis-composition';
import { analysisRoutes } from '../../functions/analysis/analysis-handler';
import type { ApiDependencies } from '../../functions/api/api-composition';
import { apiRoutes } from '../../functions/api/api-handler';
import { openApiDocumentRoute } from '../../functions/openapi/openapi-route';
import { ANALYSIS_PATHS, OPENAPI_PATHS } from '../../infra/http-paths';

/** Route declarations only: no handler runs. */
const stub = { authMode: 'api_keys' } as unknown as ApiDependencies & AnalysisDependencies;

describe('which function serves which path', () => {
  it.each([
    ['analysis', ANALYSIS_PATHS, () => analysisRoutes(stub)],
    ['openApi', OPENAPI_PATHS, () => [openApiDocumentRoute()]],
  ] as const)('the %s function is routed exactly the paths of its routes', (_name, paths, routes) => {
    expect([...new Set(routes().map((route) => route.path))].sort()).toEqual([...paths].sort());
  });

  it('leaves the API function (`/v1/{proxy+}`) none of those paths', () => {
    const apiPaths = new Set(apiRoutes(stub).map((route) => route.path));
    expect([...ANALYSIS_PATHS, ...OPENAPI_PATHS].filter((path) => apiPaths.has(path))).toEqual([]);
  });
});
