import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { createSesEventsHandler } from './ses-events-handler-factory';

/** Lambda entry of the SES events function (EventBridge rule on the configuration set's events). */
export const handler = createSesEventsHandler(createDependencies(loadConfig(), {}));
