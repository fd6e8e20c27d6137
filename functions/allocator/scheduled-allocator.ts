import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { runScheduledWork } from '../../shared/use-cases/scheduled/scheduled-work';

const config = loadConfig();
const deps = createDependencies(config, {});

/** Lambda entry of the scheduled allocator (EventBridge, every minute): allocations, deferred sends, follow-ups. */
export const handler = async (): Promise<unknown> => {
  const report = await runScheduledWork(deps);
  console.log(JSON.stringify({ level: 'INFO', message: 'scheduled run', ...report }));
  return report;
};
