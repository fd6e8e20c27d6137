/**
 * Which function serves which path of the HTTP API, as plain data (no CDK import): the stack routes
 * with it and so does the local platform. API Gateway picks the most specific route, so the paths
 * below take their requests from the API function's `/v1/{proxy+}`; each is routed for every method,
 * so that a wrong method gets the router's 405, as on every other route.
 */

/** The OpenAPI function's path (the document generated at build time). */
export const OPENAPI_PATHS: readonly string[] = ['/v1/openapi.json'];

/** The analysis function's paths: results, the touchpoint map and an on-demand reallocation (the bandit's statistics). */
export const ANALYSIS_PATHS: readonly string[] = ['/v1/experiments/{id}/results', '/v1/experiments/{id}/reallocate', '/v1/insights/touchpoints'];
