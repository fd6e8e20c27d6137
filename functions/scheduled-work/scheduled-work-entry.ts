import { loadConfig } from '../../shared/runtime/config';
import { composeScheduledWork } from './scheduled-work-composition';
import { createScheduledWorkHandler } from './scheduled-work-handler';

/** Lambda entry of the scheduled work (EventBridge, every minute): allocations due, deferred sends, follow-ups. */
export const handler = createScheduledWorkHandler(composeScheduledWork(loadConfig()));
