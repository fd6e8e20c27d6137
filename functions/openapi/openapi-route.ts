import type { Route } from '../../shared/runtime/http/router';

/** Title and version of the published API document. */
export const API_INFO = { title: 'Channel Lab API', version: '1.0.0' } as const;

/** Where the document is served. */
export const OPENAPI_DOCUMENT_PATH = '/v1/openapi.json';

/** How long clients and shared caches may keep the document, in seconds. */
export const OPENAPI_DOCUMENT_MAX_AGE_SECONDS = 300;

/**
 * `GET /v1/openapi.json`: the API's OpenAPI document, as generated from every route's zod schemas
 * at build time (`scripts/openapi-document.ts`); the route only serves it. Building the document
 * declares this route too, with no document to serve.
 */
export function openApiDocumentRoute(document: Readonly<Record<string, unknown>> = {}): Route {
  return {
    method: 'GET',
    path: OPENAPI_DOCUMENT_PATH,
    scope: 'public',
    response: { status: 200, description: 'OpenAPI 3.0 document' },
    doc: { summary: 'This API as an OpenAPI 3 document', tag: 'meta' },
    handler: async () => ({ statusCode: 200, headers: { 'cache-control': `public, max-age=${OPENAPI_DOCUMENT_MAX_AGE_SECONDS}` }, body: document }),
  };
}
