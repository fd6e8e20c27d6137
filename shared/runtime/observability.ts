import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, SERVICE_NAME } from './metrics';

/** Log levels the configuration accepts (`LOG_LEVEL`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Level when none is given: tests and the local platform stay quiet; the stack sets `LOG_LEVEL`. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'warn';

/** A function's structured logger and its metrics (Powertools for AWS Lambda). */
export interface Observability {
  /** JSON logs with the invocation's request id (the middy `injectLambdaContext` middleware adds it). */
  readonly logger: Logger;
  /** CloudWatch metrics as Embedded Metric Format log lines (flushed by the middy `logMetrics` middleware). */
  readonly metrics: Metrics;
}

/** Where the logs and metrics of a function go. */
export interface ObservabilityOptions {
  /** `LOG_LEVEL` (default {@link DEFAULT_LOG_LEVEL}). */
  readonly logLevel?: LogLevel;
  /** `POWERTOOLS_SERVICE_NAME` (default `channel-lab`). */
  readonly serviceName?: string;
  /** `METRIC_NAMESPACE` (default `ChannelLab`, the namespace the stack's alarms watch). */
  readonly namespace?: string;
}

/** The structured logger of a function (what every function needs). */
export function createLogger(options: ObservabilityOptions = {}): Pick<Observability, 'logger'> {
  return { logger: new Logger({ serviceName: options.serviceName ?? SERVICE_NAME, logLevel: (options.logLevel ?? DEFAULT_LOG_LEVEL).toUpperCase() as Uppercase<LogLevel> }) };
}

/** The logger and metrics of a function that publishes metrics (the others leave Metrics out of their bundle). */
export function createObservability(options: ObservabilityOptions = {}): Observability {
  return { ...createLogger(options), metrics: new Metrics({ namespace: options.namespace ?? METRIC_NAMESPACE, serviceName: options.serviceName ?? SERVICE_NAME }) };
}

/** The options a function's entry reads from its configuration. */
export function observabilityOptions(config: { readonly LOG_LEVEL: LogLevel; readonly POWERTOOLS_SERVICE_NAME?: string | undefined; readonly METRIC_NAMESPACE?: string | undefined }): ObservabilityOptions {
  return {
    logLevel: config.LOG_LEVEL,
    ...(config.POWERTOOLS_SERVICE_NAME ? { serviceName: config.POWERTOOLS_SERVICE_NAME } : {}),
    ...(config.METRIC_NAMESPACE ? { namespace: config.METRIC_NAMESPACE } : {}),
  };
}
