import { loadConfig } from '../../shared/runtime/config';
import { createObservability, observabilityOptions } from '../../shared/runtime/observability';
import { composeScheduledWork } from './scheduled-work-composition';
import { createScheduledWorkHandler } from './scheduled-work-handler';

const config = loadConfig();

/** Lambda entry of the scheduled work (EventBridge, every minute): allocations due, deferred sends, follow-ups. */
export const handler = createScheduledWorkHandler(composeScheduledWork(config), createObservability(observabilityOptions(config)));
