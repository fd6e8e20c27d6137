import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createRouter } from '../../shared/runtime/http/router';
import { loadSigningSecret } from '../../shared/runtime/signing-secret';
import { trackingRoutes } from './tracking-routes';

const config = loadConfig();
const deps = createDependencies(config, { signingSecret: await loadSigningSecret(config) });

/** Lambda entry of the public tracking routes (`/t/`, `/o/`, `/u/`). */
export const handler = createHttpHandler(createRouter(trackingRoutes(deps)));
