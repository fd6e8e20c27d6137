import { LINK_KEY_GRACE_DAYS, WEBHOOK_KEY_GRACE_DAYS } from '../../shared/domain/tracking/key-ring';
import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { loadKeyRing, staticKeyRing } from '../../shared/runtime/secrets';
import { composeDispatcher } from './dispatcher-composition';
import { createDispatcherHandler } from './dispatcher-handler';

const config = loadConfig();
// Signs links (current key) and webhooks (each experiment's secret); reads no other secret.
const [links, webhooks] = await Promise.all([loadKeyRing(config, 'links', LINK_KEY_GRACE_DAYS), loadKeyRing(config, 'webhooks', WEBHOOK_KEY_GRACE_DAYS)]);

/** Lambda entry of the dispatcher (SQS event source with partial batch failure reporting). */
export const handler = createDispatcherHandler(composeDispatcher(config, { links: staticKeyRing(links), webhooks }), createLogger(observabilityOptions(config)), { maxReceiveCount: config.DISPATCH_MAX_RECEIVE_COUNT });
