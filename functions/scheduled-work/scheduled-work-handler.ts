import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { runScheduledWork, type ScheduledReport, type ScheduledWorkDependencies } from '../../shared/use-cases/scheduled/scheduled-work';

/** The scheduled-work function: releases deferred sends, follows up on silence, reallocates the experiments that are due. */
export function createScheduledWorkHandler(deps: ScheduledWorkDependencies, { logger }: Pick<Observability, 'logger'> = createLogger()) {
  return middy<unknown, ScheduledReport>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .handler(async (_event, context) => {
      // Firing triggered sends stops taking batches when the invocation runs short (the rest is next minute's).
      const report = await runScheduledWork({ ...deps, remainingMs: () => context.getRemainingTimeInMillis() });
      logger.info('scheduled run', { ...report });
      return report;
    });
}
