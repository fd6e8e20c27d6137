/** CloudWatch namespace of Channel Lab's custom metrics (the stack's alarms watch it). */
export const METRIC_NAMESPACE = 'ChannelLab';
/** Assignments stuck in `queued`/`sending`, or sent without delivery news (reconciliation). */
export const STUCK_ASSIGNMENTS_METRIC = 'StuckAssignments';

/**
 * Publishes one metric value in CloudWatch Embedded Metric Format: a JSON line written straight to
 * stdout (not through `console.log`, whose Lambda text format would prefix it and hide the JSON).
 */
export function publishMetric(name: string, value: number, extra: Record<string, unknown> = {}, write: (line: string) => void = (line) => process.stdout.write(line)): void {
  write(
    `${JSON.stringify({
      _aws: { Timestamp: Date.now(), CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] }] },
      [name]: value,
      ...extra,
    })}\n`,
  );
}
