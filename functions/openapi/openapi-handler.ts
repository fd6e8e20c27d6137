import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createRouter } from '../../shared/runtime/http/router';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { openApiDocumentRoute } from './openapi-route';

/**
 * The OpenAPI function's Lambda handler: serves `document` at `GET /v1/openapi.json` (any other
 * method there is a 405, as on every route) through the same HTTP adapter as the API.
 */
export function createOpenApiHandler(document: Readonly<Record<string, unknown>>, observability: Pick<Observability, 'logger'> = createLogger()) {
  return createHttpHandler(createRouter([openApiDocumentRoute(document)]), observability);
}
