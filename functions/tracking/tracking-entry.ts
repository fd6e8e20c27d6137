import { LINK_KEY_GRACE_DAYS } from '../../shared/domain/tracking/key-ring';
import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { loadKeyRing, refreshingKeyRing } from '../../shared/runtime/secrets';
import { systemClock } from '../../shared/runtime/system-clock';
import { composeTracking } from './tracking-composition';
import { createTrackingHandler } from './tracking-handler';

const config = loadConfig();
// Verifies links only: the link-signing keys, read again every few minutes so a rotation reaches warm instances.
const links = await refreshingKeyRing(() => loadKeyRing(config, 'links', LINK_KEY_GRACE_DAYS), systemClock);

/** Lambda entry of the public tracking routes (`/t/`, `/o/`, `/u/`): its dependencies built once per cold start. */
export const handler = createTrackingHandler(composeTracking(config, { links }), createLogger(observabilityOptions(config)));
