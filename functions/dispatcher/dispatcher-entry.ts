import { loadConfig } from '../../shared/runtime/config';
import { createObservability, observabilityOptions } from '../../shared/runtime/observability';
import { loadSigningSecret } from '../../shared/runtime/signing-secret';
import { composeDispatcher } from './dispatcher-composition';
import { createDispatcherHandler } from './dispatcher-handler';

const config = loadConfig();

/** Lambda entry of the dispatcher (SQS event source with partial batch failure reporting). */
export const handler = createDispatcherHandler(composeDispatcher(config, { signingSecret: await loadSigningSecret(config) }), createObservability(observabilityOptions(config)));
