/**
 * Named constants of Channel Lab's infrastructure: timeouts, memory sizes, retention,
 * cadences and limits. Every tunable number of the stack lives here, with its reason.
 */
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Log levels the functions' config loader accepts (`LOG_LEVEL`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';


/** Default log level of every function (`LOG_LEVEL`). */
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** Default memory for a function, in MB: enough CPU on arm64 for JSON + SDK work with fast cold starts. */
export const DEFAULT_MEMORY_MB = 512;

/** Memory of the scheduled work (the allocator), in MB: Monte Carlo draws (≥ 10,000 per segment) are CPU-bound, and CPU scales with memory. */
export const SCHEDULED_WORK_MEMORY_MB = 1024;

/** Timeout of the HTTP API function: well under API Gateway's 30 s integration limit. */
export const API_FUNCTION_TIMEOUT = Duration.seconds(10);

/** Timeout of the tracking function (click redirect, unsubscribe): a user is waiting. */
export const TRACKING_FUNCTION_TIMEOUT = Duration.seconds(5);

/** Timeout of the dispatcher: one batch of 10 messages, each with a provider call and retries. */
export const DISPATCHER_TIMEOUT = Duration.seconds(30);

/** Timeout of the scheduled work: below its 1-minute cadence so two runs rarely overlap. */
export const SCHEDULED_WORK_TIMEOUT = Duration.seconds(50);

/** Timeout of the SES events handler: one event per invocation. */
export const SES_EVENTS_TIMEOUT = Duration.seconds(15);

/** Timeout of the customer-events function: one event per invocation (a few DynamoDB writes). */
export const CUSTOMER_EVENTS_TIMEOUT = Duration.seconds(15);

/** `detail-type` of the customer events routed from the customer's bus (see docs/journeys.md). */
export const CUSTOMER_EVENT_DETAIL_TYPE = 'Channel Lab Customer Event';

/** The bus customer events are read from when none is named: the account's default bus. */
export const DEFAULT_CUSTOMER_EVENT_BUS = 'default';

/** Timeout of the reconciliation check: scans recent assignments for stuck ones. */
export const RECONCILIATION_TIMEOUT = Duration.minutes(2);

/** Retention of function and access logs. */
export const LOG_RETENTION = RetentionDays.ONE_MONTH;

/** SQS visibility timeout must be at least this many times the consumer's timeout (AWS guidance for Lambda event sources). */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** A dispatch message that failed this many receives goes to the dead-letter queue. */
export const DLQ_MAX_RECEIVE_COUNT = 5;

/** Messages per dispatcher invocation (failures are reported per item, so one bad message does not retry the batch). */
export const DISPATCH_BATCH_SIZE = 10;

/** How long the dispatcher's event source may wait to fill a batch. */
export const DISPATCH_MAX_BATCHING_WINDOW = Duration.seconds(1);

/** Retention of dead-letter queues: the SQS maximum, time for an operator to look. */
export const DLQ_RETENTION = Duration.days(14);

/** Steady-state request rate of the HTTP API's default route settings (requests per second). */
export const API_THROTTLE_RATE_LIMIT = 1_000;

/** Burst of the HTTP API's default route settings (requests). */
export const API_THROTTLE_BURST_LIMIT = 2_000;

/** How long browsers may cache a CORS preflight answer. */
export const CORS_MAX_AGE = Duration.hours(1);

/** Request headers a browser client (a dashboard) may send when CORS is on. */
export const DEFAULT_CORS_ALLOW_HEADERS: readonly string[] = ['authorization', 'content-type', 'x-api-key', 'idempotency-key'];

/** Cadence of the scheduled work (allocation, deferred sends, follow-ups); the function itself decides which experiments are due (policy `updateEveryMinutes`). */
export const SCHEDULED_WORK_RATE = Duration.minutes(1);

/** Cadence of the reconciliation check for stuck assignments. */
export const RECONCILIATION_RATE = Duration.minutes(15);

/** Retries of an EventBridge target before the event goes to its dead-letter queue. */
export const EVENT_TARGET_RETRY_ATTEMPTS = 4;

/** Age after which EventBridge stops retrying an event for a target. */
export const EVENT_TARGET_MAX_EVENT_AGE = Duration.hours(2);


/** Metric names are shared with the handlers that publish them. */
export { METRIC_NAMESPACE, SERVICE_NAME, STUCK_ASSIGNMENTS_METRIC } from '../shared/runtime/metrics';

/** Length of the generated HMAC signing secret (characters, alphanumeric). */
export const SIGNING_SECRET_LENGTH = 64;

/** Reserved concurrency of the dispatcher: a flood on the public routes can never take its capacity. */
export const DEFAULT_DISPATCHER_RESERVED_CONCURRENCY = 20;
/** Reserved (and so maximum) concurrency of the public tracking function (`/t/`, `/o/`, `/u/`), so a flood there cannot starve the rest. */
export const DEFAULT_TRACKING_RESERVED_CONCURRENCY = 50;

/** Period of the function-error, API 5xx and allocator alarms. */
export const ERROR_ALARM_PERIOD = Duration.minutes(5);
/** Period of the SES reputation alarms (SES publishes the rates about hourly). */
export const SES_REPUTATION_PERIOD = Duration.hours(1);
/** SES puts an account under review at a 5 % bounce rate (https://docs.aws.amazon.com/ses/latest/dg/reputationdashboard-messages.html). */
export const SES_BOUNCE_RATE_REVIEW_THRESHOLD = 0.05;
/** SES puts an account under review at a 0.1 % complaint rate (same page). */
export const SES_COMPLAINT_RATE_REVIEW_THRESHOLD = 0.001;

/** Timeout of the counter aggregator: a batch is a few transactions (one per 99 counter cells). */
export const COUNTER_AGGREGATOR_TIMEOUT = Duration.seconds(30);
/** Records per counter-aggregator batch: a full batch is one transaction for a young experiment (its sends fall in a few counter cells). */
export const COUNTER_STREAM_BATCH_SIZE = 1_000;
/** How long the mapping gathers records before invoking the aggregator: counts trail sends and goals by about this much. */
export const COUNTER_STREAM_BATCHING_WINDOW = Duration.seconds(5);
/**
 * Tumbling window of the counter stream mapping. Its state is not used: the window makes Lambda
 * add the stream shard's id to each event, which the aggregator's per-shard checkpoint needs.
 */
export const COUNTER_STREAM_TUMBLING_WINDOW = Duration.seconds(60);
/** Retries of a batch the aggregator could not count before its location goes to the on-failure queue. */
export const COUNTER_STREAM_RETRY_ATTEMPTS = 20;
/** Oldest record the mapping still hands over (the stream keeps 24 hours). */
export const COUNTER_STREAM_MAX_RECORD_AGE = Duration.hours(24);

/** Timeout of the dispatch outbox: a batch is a few `SendMessageBatch` calls (ten decisions each), and rarely the marks of refused ones. */
export const DISPATCH_OUTBOX_TIMEOUT = Duration.seconds(30);
/** Records per dispatch-outbox batch: up to ten `SendMessageBatch` requests of ten (a full batch fills each request). */
export const DISPATCH_OUTBOX_BATCH_SIZE = 100;
/**
 * How long the outbox's mapping gathers records before invoking it: a decision waits up to this
 * long before its message is queued (the latency a send gains), and the longer the window, the
 * fuller each `SendMessageBatch`. Under about 10 decisions a second a batch holds fewer than ten.
 */
export const DISPATCH_OUTBOX_BATCHING_WINDOW = Duration.seconds(1);
/** Retries of a batch whose refused decisions could not be marked either, before its location goes to the on-failure queue. */
export const DISPATCH_OUTBOX_RETRY_ATTEMPTS = 10;
/** Oldest record the outbox's mapping still hands over: a message older than this is not worth sending late (reconciliation's and the on-failure queue's alarm say so). */
export const DISPATCH_OUTBOX_MAX_RECORD_AGE = Duration.hours(6);
