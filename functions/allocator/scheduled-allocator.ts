import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { loadSecret } from '../../shared/runtime/secrets';
import { runScheduledWork } from '../../shared/use-cases/scheduled/scheduled-work';

const config = loadConfig();
// Follow-ups are new decisions with keyed ids: the assignment-id key is the only secret read here.
const assignmentIds = await loadSecret(config, 'assignmentIds');
const deps = createDependencies(config, { secrets: { assignmentIds: assignmentIds } });

/** Lambda entry of the scheduled allocator (EventBridge, every minute): allocations, deferred sends, follow-ups. */
export const handler = async (): Promise<unknown> => {
  const report = await runScheduledWork(deps);
  console.log(JSON.stringify({ level: 'INFO', message: 'scheduled run', ...report }));
  return report;
};
