import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { loadSigningSecret } from '../../shared/runtime/signing-secret';
import { createApiHandler } from './api-handler';

const config = loadConfig();

/** Lambda entry of the HTTP API (`/v1/*`): dependencies built once per cold start. */
export const handler = createApiHandler(createDependencies(config, { signingSecret: await loadSigningSecret(config) }));
