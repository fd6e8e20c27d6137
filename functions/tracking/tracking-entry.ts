import { loadConfig } from '../../shared/runtime/config';
import { createObservability, observabilityOptions } from '../../shared/runtime/observability';
import { loadSigningSecret } from '../../shared/runtime/signing-secret';
import { composeTracking } from './tracking-composition';
import { createTrackingHandler } from './tracking-handler';

const config = loadConfig();

/** Lambda entry of the public tracking routes (`/t/`, `/o/`, `/u/`): its dependencies built once per cold start. */
export const handler = createTrackingHandler(composeTracking(config, { signingSecret: await loadSigningSecret(config) }), createObservability(observabilityOptions(config)));
