import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { createApiHandler } from './api-handler';

/** Lambda entry of the HTTP API (`/v1/*`): dependencies built once per cold start. */
export const handler = createApiHandler(createDependencies(loadConfig()));
