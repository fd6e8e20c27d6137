import { loadConfig } from '../../shared/runtime/config';
import { composeSesEvents } from './ses-events-composition';
import { createSesEventsHandler } from './ses-events-handler';

/** Lambda entry of the SES events function (EventBridge rule on the configuration set's events). */
export const handler = createSesEventsHandler(composeSesEvents(loadConfig()));
