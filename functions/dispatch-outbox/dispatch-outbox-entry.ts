import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { composeDispatchOutbox } from './dispatch-outbox-composition';
import { createDispatchOutboxHandler } from './dispatch-outbox-handler';

const config = loadConfig();

/** Lambda entry of the dispatch outbox (the table's stream, filtered to new `queued` decisions and releases of deferred ones). */
export const handler = createDispatchOutboxHandler(composeDispatchOutbox(config), createLogger(observabilityOptions(config)));
