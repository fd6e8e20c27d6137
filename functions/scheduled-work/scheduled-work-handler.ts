import { runScheduledWork, type ScheduledReport, type ScheduledWorkDependencies } from '../../shared/use-cases/scheduled/scheduled-work';

/** The scheduled-work function: releases deferred sends, follows up on silence, reallocates the experiments that are due. */
export function createScheduledWorkHandler(deps: ScheduledWorkDependencies) {
  return async (): Promise<ScheduledReport> => {
    const report = await runScheduledWork(deps);
    console.log(JSON.stringify({ level: 'INFO', message: 'scheduled run', ...report }));
    return report;
  };
}
