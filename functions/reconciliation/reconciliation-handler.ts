import { publishMetric, STUCK_ASSIGNMENTS_METRIC } from '../../shared/runtime/metrics';
import { reconcile, type ReconciliationDependencies, type ReconciliationReport } from '../../shared/use-cases/reconciliation/reconcile';

/**
 * The reconciliation check: re-enqueues lost messages and publishes the count of assignments that
 * need a look as the `ChannelLab/StuckAssignments` metric (EMF), which the alarm watches.
 */
export function createReconciliationHandler(deps: ReconciliationDependencies) {
  return async (): Promise<ReconciliationReport> => {
    const report = await reconcile(deps);
    publishMetric(STUCK_ASSIGNMENTS_METRIC, report.stuck, { ...report });
    return report;
  };
}
