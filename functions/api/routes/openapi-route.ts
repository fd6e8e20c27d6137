import { openApiDocument } from '../../../shared/runtime/http/openapi';
import type { Route } from '../../../shared/runtime/http/router';

/** Title and version of the published API document. */
export const API_INFO = { title: 'Channel Lab API', version: '1.0.0' } as const;

/**
 * `GET /v1/openapi.json`: the OpenAPI document generated from the routes' zod schemas, on its first
 * request (not at cold start: most instances never serve it), then kept.
 */
export function openApiRoute(routes: readonly Route[]): Route {
  let document: Record<string, unknown> | undefined;
  const route: Route = {
    method: 'GET',
    path: '/v1/openapi.json',
    scope: 'public',
    response: { status: 200, description: 'OpenAPI 3.0 document' },
    doc: { summary: 'This API as an OpenAPI 3 document', tag: 'meta' },
    handler: async () => {
      document ??= openApiDocument([...routes, route], API_INFO);
      return { statusCode: 200, headers: { 'cache-control': 'public, max-age=300' }, body: document };
    },
  };
  return route;
}
