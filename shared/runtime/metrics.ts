/**
 * Names of Channel Lab's custom metrics, defined once: the functions publish them (Powertools
 * Metrics, `observability.ts`) and the stack's alarms watch them (`infra/`).
 */

/** CloudWatch namespace of Channel Lab's custom metrics (the stack sets `METRIC_NAMESPACE` to it). */
export const METRIC_NAMESPACE = 'ChannelLab';
/** Service name of every function (`POWERTOOLS_SERVICE_NAME`; the metrics' `service` dimension). */
export const SERVICE_NAME = 'channel-lab';
/** Assignments stuck in `queued`/`sending`, or sent without delivery news (reconciliation). */
export const STUCK_ASSIGNMENTS_METRIC = 'StuckAssignments';
