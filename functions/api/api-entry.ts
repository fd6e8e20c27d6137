import { loadConfig } from '../../shared/runtime/config';
import { createObservability, observabilityOptions } from '../../shared/runtime/observability';
import { composeApi } from './api-composition';
import { createApiHandler } from './api-handler';

const config = loadConfig();

/** Lambda entry of the HTTP API (`/v1/*`): its dependencies built once per cold start. */
export const handler = createApiHandler(composeApi(config), createObservability(observabilityOptions(config)));
