import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { composeSesEvents } from './ses-events-composition';
import { createSesEventsHandler } from './ses-events-handler';

const config = loadConfig();

/** Lambda entry of the SES events function (EventBridge rule on the configuration set's events). */
export const handler = createSesEventsHandler(composeSesEvents(config), createLogger(observabilityOptions(config)));
