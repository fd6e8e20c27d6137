import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { publishMetric, STUCK_ASSIGNMENTS_METRIC } from '../../shared/runtime/metrics';
import { reconcile } from '../../shared/use-cases/reconciliation/reconcile';

const deps = createDependencies(loadConfig(), {});

/**
 * Lambda entry of the reconciliation check (every 15 minutes). The count of assignments that need
 * a look is published as the `ChannelLab/StuckAssignments` metric (EMF), which the alarm watches.
 */
export const handler = async (): Promise<unknown> => {
  const report = await reconcile(deps);
  publishMetric(STUCK_ASSIGNMENTS_METRIC, report.stuck, { ...report });
  return report;
};
