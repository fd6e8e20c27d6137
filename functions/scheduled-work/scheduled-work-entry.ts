import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { loadSecret } from '../../shared/runtime/secrets';
import { composeScheduledWork } from './scheduled-work-composition';
import { createScheduledWorkHandler } from './scheduled-work-handler';

const config = loadConfig();
// Follow-ups are new decisions with keyed ids: the assignment-id key is the only secret read here.
const assignmentIdKey = await loadSecret(config, 'assignmentIds');

/** Lambda entry of the scheduled work (EventBridge, every minute): allocations due, deferred sends, follow-ups. */
export const handler = createScheduledWorkHandler(composeScheduledWork(config, { assignmentIdKey }), createLogger(observabilityOptions(config)));
