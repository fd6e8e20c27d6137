import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { loadSecret } from '../../shared/runtime/secrets';
import { createApiHandler } from './api-handler';

const config = loadConfig();
// Derives assignment ids (sends, events by experiment + customer); signs and verifies nothing.
const assignmentIds = await loadSecret(config, 'assignmentIds');

/** Lambda entry of the HTTP API (`/v1/*`): dependencies built once per cold start. */
export const handler = createApiHandler(createDependencies(config, { secrets: { assignmentIds: assignmentIds } }));
