import { LINK_KEY_GRACE_DAYS } from '../../shared/domain/tracking';
import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createRouter } from '../../shared/runtime/http/router';
import { loadKeyRing, refreshingKeyRing } from '../../shared/runtime/secrets';
import { systemClock } from '../../shared/runtime/system-clock';
import { trackingRoutes } from './tracking-routes';

const config = loadConfig();
// Verifies links only: the link-signing keys, read again every few minutes so a rotation reaches warm instances.
const links = await refreshingKeyRing(() => loadKeyRing(config, 'links', LINK_KEY_GRACE_DAYS), systemClock);
const deps = createDependencies(config, { secrets: { links } });

/** Lambda entry of the public tracking routes (`/t/`, `/o/`, `/u/`). */
export const handler = createHttpHandler(createRouter(trackingRoutes(deps)));
