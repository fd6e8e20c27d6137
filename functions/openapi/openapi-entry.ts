import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import document from './openapi-document.json' with { type: 'json' };
import { createOpenApiHandler } from './openapi-handler';

const config = loadConfig();

/**
 * Lambda entry of `GET /v1/openapi.json`: the document generated at build time from the routes'
 * schemas (`npm run build:openapi`), embedded in the bundle; it reads no table and no secret.
 */
export const handler = createOpenApiHandler(document, createLogger(observabilityOptions(config)));
