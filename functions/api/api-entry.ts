import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { loadSecret } from '../../shared/runtime/secrets';
import { composeApi } from './api-composition';
import { createApiHandler } from './api-handler';

const config = loadConfig();
// Derives assignment ids (sends, events by experiment + customer); signs and verifies nothing.
const assignmentIdKey = await loadSecret(config, 'assignmentIds');

/** Lambda entry of the HTTP API (`/v1/*`): its dependencies built once per cold start. */
export const handler = createApiHandler(composeApi(config, { assignmentIdKey }), createLogger(observabilityOptions(config)));
