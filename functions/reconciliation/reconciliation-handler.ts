import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { STUCK_ASSIGNMENTS_METRIC } from '../../shared/runtime/metrics';
import { createObservability, type Observability } from '../../shared/runtime/observability';
import { reconcile, type ReconciliationDependencies, type ReconciliationReport } from '../../shared/use-cases/reconciliation/reconcile';

/**
 * The reconciliation check: re-enqueues lost messages and publishes the count of assignments that
 * need a look as the `StuckAssignments` metric (EMF, namespace `METRIC_NAMESPACE`), which the alarm watches.
 */
export function createReconciliationHandler(deps: ReconciliationDependencies, { logger, metrics }: Observability = createObservability()) {
  return middy<unknown, ReconciliationReport>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .handler(async () => {
      const report = await reconcile(deps);
      metrics.addMetric(STUCK_ASSIGNMENTS_METRIC, MetricUnit.Count, report.stuck);
      logger.info('reconciliation', { ...report });
      return report;
    });
}
