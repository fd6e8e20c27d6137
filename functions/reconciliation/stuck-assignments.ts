import { loadConfig } from '../../shared/runtime/config';
import { createDependencies } from '../../shared/runtime/dependencies';
import { reconcile } from '../../shared/use-cases/reconciliation/reconcile';

/** CloudWatch namespace and metric of the stuck-assignments alarm (the stack defines the same names). */
export const METRIC = { namespace: 'ChannelLab', name: 'StuckAssignments' } as const;

const deps = createDependencies(loadConfig(), {});

/**
 * Lambda entry of the reconciliation check (every 15 minutes). The count is published as a
 * CloudWatch metric in Embedded Metric Format (a structured log line), which the alarm watches.
 */
export const handler = async (): Promise<unknown> => {
  const report = await reconcile(deps);
  console.log(
    JSON.stringify({
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: METRIC.namespace, Dimensions: [[]], Metrics: [{ Name: METRIC.name, Unit: 'Count' }] }] },
      [METRIC.name]: report.stuck,
      ...report,
    }),
  );
  return report;
};
