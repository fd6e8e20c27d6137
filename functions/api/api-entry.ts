import { loadConfig } from '../../shared/runtime/config';
import { composeApi } from './api-composition';
import { createApiHandler } from './api-handler';

/** Lambda entry of the HTTP API (`/v1/*`): its dependencies built once per cold start. */
export const handler = createApiHandler(composeApi(loadConfig()));
