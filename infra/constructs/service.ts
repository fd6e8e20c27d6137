/**
 * The "service" part of Channel Lab: the HTTP API and its functions, the dispatch queue
 * and dispatcher, the scheduled work (allocation, deferred sends, follow-ups) and reconciliation schedules, SES and its events, the
 * signing secret and the alarms. Each function gets only the grants it needs.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import {
  SCHEDULED_WORK_MEMORY_MB,
  SCHEDULED_WORK_RATE,
  SCHEDULED_WORK_TIMEOUT,
  API_FUNCTION_TIMEOUT,
  DEFAULT_LOG_LEVEL,
  type LogLevel,
  DISPATCH_BATCH_SIZE,
  DISPATCH_MAX_BATCHING_WINDOW,
  DEFAULT_DISPATCHER_RESERVED_CONCURRENCY,
  DEFAULT_TRACKING_RESERVED_CONCURRENCY,
  DISPATCHER_TIMEOUT,
  DLQ_MAX_RECEIVE_COUNT,
  METRIC_NAMESPACE,
  RECONCILIATION_RATE,
  RECONCILIATION_TIMEOUT,
  SERVICE_NAME,
  SES_EVENTS_TIMEOUT,
  STUCK_ASSIGNMENTS_METRIC,
  TRACKING_FUNCTION_TIMEOUT,
  CUSTOMER_EVENTS_TIMEOUT,
  COUNTER_AGGREGATOR_TIMEOUT,
  DISPATCH_OUTBOX_TIMEOUT,
} from '../constants';
import { resolveEntries, type ChannelLabEntries } from '../entries';
import { ANALYSIS_PATHS, OPENAPI_PATHS } from '../http-paths';
import { AlarmTopic } from './alarms';
import { CounterStream } from './counter-stream';
import { CustomerEventsRoute } from './customer-events';
import { ChannelLabFunction, type ChannelLabFunctionProps } from './channel-lab-function';
import { DispatchOutbox } from './dispatch-outbox';
import { DispatchQueue } from './dispatch-queue';
import { ENV } from './environment';
import { ChannelLabHttpApi, type CorsProps, type CustomDomainProps, type RouteSpec } from './http-api';
import { grantSnsPublish, grantTableItems } from './permissions';
import { addServiceAlarms } from './service-alarms';
import { FunctionSchedule } from './schedules';
import { SesEventsRoute } from './ses-events';
import { SesSetup } from './ses-setup';
import { SigningSecret } from './signing-secret';

/** SNS SMS type: `transactional` (higher delivery priority) or `promotional` (cheaper). The dispatcher maps it to SNS's `AWS.SNS.SMS.SMSType`. */
export type SmsType = 'transactional' | 'promotional';

/** Routes of the API function: every `/v1/*` path the more specific routes below leave to it. (The web app is served by CloudFront, see `WebAppHosting`.) */
export const API_ROUTES: readonly RouteSpec[] = [{ path: '/v1/{proxy+}', methods: [HttpMethod.ANY] }];

/** Routes of the analysis function (results, touchpoints, reallocation), every method: its router answers 405 for those it does not serve. */
export const ANALYSIS_ROUTES: readonly RouteSpec[] = ANALYSIS_PATHS.map((path) => ({ path, methods: [HttpMethod.ANY] }));

/** Route of the OpenAPI function, every method (405 but for GET). */
export const OPENAPI_ROUTES: readonly RouteSpec[] = OPENAPI_PATHS.map((path) => ({ path, methods: [HttpMethod.ANY] }));

/** Routes of the tracking function: signed click redirect, open pixel, and the unsubscribe page / RFC 8058 one-click POST. */
export const TRACKING_ROUTES: readonly RouteSpec[] = [
  { path: '/t/{token}', methods: [HttpMethod.GET] },
  { path: '/o/{token}', methods: [HttpMethod.GET] },
  { path: '/u/{token}', methods: [HttpMethod.GET, HttpMethod.POST] },
];

/** Properties of {@link ChannelLabService}. */
export interface ChannelLabServiceProps {
  /** The table (from the data part). */
  readonly table: dynamodb.ITable;
  /** Default From address of emails. */
  readonly sesFromAddress: string;
  /** SES identity (domain or address). @default - the From address */
  readonly sesIdentity?: string;
  /** Create the SES identity. @default true */
  readonly createSesIdentity?: boolean;
  /** Default SMS type. @default 'transactional' */
  readonly smsType?: SmsType;
  /** Allow SMS to phone numbers. @default true */
  readonly enableSms?: boolean;
  /** Custom domain of the API. @default - none */
  readonly customDomain?: CustomDomainProps;
  /** CORS for browser clients (dashboards). @default - no CORS */
  readonly cors?: CorsProps;
  /** Maximum concurrent dispatcher invocations (2–1000), to stay under SES/SNS sending quotas. @default - unbounded */
  readonly dispatcherMaxConcurrency?: number;
  /** X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /** `LOG_LEVEL`. @default 'info' */
  readonly logLevel?: LogLevel;
  /** Reserved concurrency of the API function. @default - unreserved */
  readonly apiReservedConcurrency?: number;
  /** Hosts webhooks may reach even on private addresses (an internal gateway); everything else must be public HTTPS. @default - none */
  readonly webhookAllowedHosts?: readonly string[];
  /** Reserved concurrency of the dispatcher (its capacity is never taken by other functions). @default 20 */
  readonly dispatcherReservedConcurrency?: number;
  /** Reserved, and so maximum, concurrency of the public tracking function. @default 50 */
  readonly trackingReservedConcurrency?: number;
  /** Email subscribed to alarms. @default - none */
  readonly alarmEmail?: string;
  /** Handler entries. @default DEFAULT_ENTRY_PATHS */
  readonly entries?: Partial<ChannelLabEntries>;
  /** Name of the EventBridge bus the customer's systems put their customer events on. @default 'default' (the account's default bus) */
  readonly customerEventBusName?: string;
  /** Only customer events with one of these `source` values are read. @default - any source */
  readonly customerEventSources?: readonly string[];
}

/** Options of {@link ChannelLabService.addFunction}: the function's own settings and, optionally, its routes. */
export interface AddFunctionOptions extends Omit<ChannelLabFunctionProps, 'environment' | 'tracing'> {
  /** Extra environment variables, on top of the common ones. */
  readonly environment?: Readonly<Record<string, string>>;
  /** API routes served by this function. @default - none */
  readonly routes?: readonly RouteSpec[];
}

/** The service part of Channel Lab. */
export class ChannelLabService extends Construct {
  /** The HTTP API. */
  public readonly httpApi: ChannelLabHttpApi;
  /** Dispatch queue and its DLQ. */
  public readonly dispatchQueue: DispatchQueue;
  /** SES configuration set and identity. */
  public readonly ses: SesSetup;
  /** Key of signed tracking and unsubscribe links (read by the dispatcher and tracking functions). */
  public readonly linkSigningSecret: SigningSecret;
  /** Key from which each experiment's webhook secret is derived (read by the dispatcher). */
  public readonly webhookSigningSecret: SigningSecret;
  /** Key of assignment ids (read by the API and the allocator). */
  public readonly assignmentIdSecret: SigningSecret;
  /** Alarm topic. */
  public readonly alarms: AlarmTopic;
  /** `/v1/*` API function. */
  public readonly apiFunction: ChannelLabFunction;
  /** Results, touchpoint map and on-demand reallocation (the bandit's statistics). */
  public readonly analysisFunction: ChannelLabFunction;
  /** The OpenAPI document (generated at build time). */
  public readonly openApiFunction: ChannelLabFunction;
  /** Tracking links and unsubscribe function. */
  public readonly trackingFunction: ChannelLabFunction;
  /** Dispatch queue consumer. */
  public readonly dispatcherFunction: ChannelLabFunction;
  /** Scheduled work: reallocation of due experiments, deferred sends, follow-ups on silence. */
  public readonly scheduledWorkFunction: ChannelLabFunction;
  /** SES events handler. */
  public readonly sesEventsFunction: ChannelLabFunction;
  /** Stuck-assignments check. */
  public readonly reconciliationFunction: ChannelLabFunction;
  /** Customer events from the customer's bus (triggers and exits). */
  public readonly customerEventsFunction: ChannelLabFunction;
  /** Customer events rule and its DLQ. */
  public readonly customerEvents: CustomerEventsRoute;
  /** Counts sends and successes from the table's stream into the cohort counters. */
  public readonly counterAggregatorFunction: ChannelLabFunction;
  /** The aggregator's stream mapping and its on-failure queue. */
  public readonly counterStream: CounterStream;
  /** Sends new `queued` decisions from the table's stream to the dispatch queue (the dispatch outbox). */
  public readonly dispatchOutboxFunction: ChannelLabFunction;
  /** The outbox's stream mapping and its on-failure queue. */
  public readonly dispatchOutbox: DispatchOutbox;
  /** SES events rule and its DLQ. */
  public readonly sesEvents: SesEventsRoute;
  /** Every function of the service, in creation order (including those added with {@link addFunction}). */
  public readonly functions: ChannelLabFunction[] = [];
  /** Environment every function receives. */
  public readonly commonEnvironment: Readonly<Record<string, string>>;

  private readonly tracing: boolean;

  constructor(scope: Construct, id: string, props: ChannelLabServiceProps) {
    super(scope, id);
    const entries = resolveEntries(props.entries);
    this.tracing = props.tracing ?? false;

    this.httpApi = new ChannelLabHttpApi(this, 'Http', { customDomain: props.customDomain, cors: props.cors });
    this.dispatchQueue = new DispatchQueue(this, 'Dispatch', { consumerTimeout: DISPATCHER_TIMEOUT });
    this.ses = new SesSetup(this, 'Ses', {
      identity: props.sesIdentity ?? props.sesFromAddress,
      createIdentity: props.createSesIdentity,
    });
    // One secret per purpose. 'Signing' keeps the id of the former single secret, so links already sent keep working.
    this.linkSigningSecret = new SigningSecret(this, 'Signing', { description: 'Channel Lab HMAC key of signed tracking, open and unsubscribe links' });
    this.webhookSigningSecret = new SigningSecret(this, 'WebhookSigning', { description: "Channel Lab key from which each experiment's webhook signing secret is derived" });
    this.assignmentIdSecret = new SigningSecret(this, 'AssignmentIds', { description: 'Channel Lab key of assignment ids (never rotated: a new key gives customers new decisions)' });
    this.alarms = new AlarmTopic(this, 'Alarms', { email: props.alarmEmail });

    this.commonEnvironment = {
      [ENV.TABLE_NAME]: props.table.tableName,
      [ENV.POWERTOOLS_SERVICE_NAME]: SERVICE_NAME,
      [ENV.LOG_LEVEL]: props.logLevel ?? DEFAULT_LOG_LEVEL,
      [ENV.DISPATCH_QUEUE_URL]: this.dispatchQueue.queue.queueUrl,
      [ENV.SES_CONFIGURATION_SET]: this.ses.configurationSet.configurationSetName,
      [ENV.SES_FROM_ADDRESS]: props.sesFromAddress,
      [ENV.PUBLIC_BASE_URL]: this.httpApi.publicBaseUrl,
      [ENV.SMS_TYPE]: props.smsType ?? 'transactional',
      [ENV.METRIC_NAMESPACE]: METRIC_NAMESPACE,
    };

    // API: table items, derive assignment ids (signs and verifies nothing). It enqueues nothing: a new
    // decision reaches the dispatch queue through the table's stream (the dispatch outbox below).
    this.apiFunction = this.addFunction('Api', {
      entry: entries.api,
      description: 'Channel Lab HTTP API v1 (experiments, journeys, sends, events, customers, API keys)',
      timeout: API_FUNCTION_TIMEOUT,
      reservedConcurrentExecutions: props.apiReservedConcurrency,
      routes: API_ROUTES,
      environment: {
        [ENV.ASSIGNMENT_ID_SECRET_ARN]: this.assignmentIdSecret.secret.secretArn,
        // The API refuses an internal webhook URL when an experiment is defined, honouring the same allow-list as the dispatcher.
        ...(props.webhookAllowedHosts?.length ? { [ENV.WEBHOOK_ALLOWED_HOSTS]: props.webhookAllowedHosts.join(',') } : {}),
      },
    });
    grantTableItems(props.table, this.apiFunction.fn);
    this.assignmentIdSecret.secret.grantRead(this.apiFunction.fn);

    // Analysis: table items (experiments, statistics, allocations, API keys); no queue, no secret.
    this.analysisFunction = this.addFunction('Analysis', {
      entry: entries.analysis,
      description: 'Channel Lab HTTP API v1: results, touchpoint map and on-demand reallocation',
      timeout: API_FUNCTION_TIMEOUT,
      routes: ANALYSIS_ROUTES,
    });
    grantTableItems(props.table, this.analysisFunction.fn);

    // OpenAPI document: embedded in its bundle; no grant at all.
    this.openApiFunction = this.addFunction('OpenApi', {
      entry: entries.openApi,
      description: 'Channel Lab OpenAPI document of the HTTP API v1',
      routes: OPENAPI_ROUTES,
    });

    // Tracking: table RW, verify signed tokens (link key only).
    this.trackingFunction = this.addFunction('Tracking', {
      entry: entries.tracking,
      description: 'Channel Lab signed click tracking and one-click unsubscribe',
      timeout: TRACKING_FUNCTION_TIMEOUT,
      routes: TRACKING_ROUTES,
      reservedConcurrentExecutions: props.trackingReservedConcurrency ?? DEFAULT_TRACKING_RESERVED_CONCURRENCY,
      environment: { [ENV.LINK_SIGNING_SECRET_ARN]: this.linkSigningSecret.secret.secretArn },
    });
    grantTableItems(props.table, this.trackingFunction.fn);
    this.linkSigningSecret.secret.grantRead(this.trackingFunction.fn);

    // Dispatcher: consume the queue, table RW, SES send, SNS publish, sign links and webhooks. Its
    // concurrency is reserved, so a flood on the public routes cannot take it.
    const dispatcherReserved = props.dispatcherReservedConcurrency ?? DEFAULT_DISPATCHER_RESERVED_CONCURRENCY;
    this.dispatcherFunction = this.addFunction('Dispatcher', {
      entry: entries.dispatcher,
      description: 'Channel Lab dispatcher: delivers queued messages by SES, SNS, inbox or webhook',
      timeout: DISPATCHER_TIMEOUT,
      reservedConcurrentExecutions: dispatcherReserved,
      environment: {
        [ENV.LINK_SIGNING_SECRET_ARN]: this.linkSigningSecret.secret.secretArn,
        [ENV.WEBHOOK_SIGNING_SECRET_ARN]: this.webhookSigningSecret.secret.secretArn,
        // The handler marks a decision pending on its message's last receive (the DLQ's limit).
        [ENV.DISPATCH_MAX_RECEIVE_COUNT]: String(DLQ_MAX_RECEIVE_COUNT),
        ...(props.webhookAllowedHosts?.length ? { [ENV.WEBHOOK_ALLOWED_HOSTS]: props.webhookAllowedHosts.join(',') } : {}),
      },
    });
    this.dispatcherFunction.fn.addEventSource(
      new SqsEventSource(this.dispatchQueue.queue, {
        batchSize: DISPATCH_BATCH_SIZE,
        maxBatchingWindow: DISPATCH_MAX_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        // Never more pollers than the reserved capacity (more would only be throttled).
        maxConcurrency: Math.min(props.dispatcherMaxConcurrency ?? dispatcherReserved, dispatcherReserved),
      }),
    );
    grantTableItems(props.table, this.dispatcherFunction.fn);
    this.ses.grantSend(this.dispatcherFunction.fn);
    grantSnsPublish(this, this.dispatcherFunction.fn, { sms: props.enableSms ?? true });
    this.linkSigningSecret.secret.grantRead(this.dispatcherFunction.fn);
    this.webhookSigningSecret.secret.grantRead(this.dispatcherFunction.fn);
    this.alarms.alarmOnQueueMessages(
      'DispatchDeadLetterAlarm',
      this.dispatchQueue.deadLetterQueue,
      `Channel Lab: dispatch messages failed ${DLQ_MAX_RECEIVE_COUNT} times and are in the dead-letter queue`,
    );

    // Scheduled work: table items; reallocates due experiments, releases deferred sends, decides
    // follow-ups on silence and triggered sends (new decisions and releases, which the outbox
    // enqueues: no queue; the assignment-id key is the one secret it reads).
    this.scheduledWorkFunction = this.addFunction('ScheduledWork', {
      entry: entries.scheduledWork,
      description: 'Channel Lab scheduled work: per-segment weights of due experiments, deferred sends, follow-ups',
      timeout: SCHEDULED_WORK_TIMEOUT,
      memorySize: SCHEDULED_WORK_MEMORY_MB,
      environment: { [ENV.ASSIGNMENT_ID_SECRET_ARN]: this.assignmentIdSecret.secret.secretArn },
    });
    grantTableItems(props.table, this.scheduledWorkFunction.fn);
    this.assignmentIdSecret.secret.grantRead(this.scheduledWorkFunction.fn);
    new FunctionSchedule(this, 'ScheduledWorkSchedule', {
      fn: this.scheduledWorkFunction.fn,
      rate: SCHEDULED_WORK_RATE,
      description: 'Channel Lab scheduled work tick (the function decides which experiments are due)',
    });

    // SES events: table RW.
    this.sesEventsFunction = this.addFunction('SesEvents', {
      entry: entries.sesEvents,
      description: 'Channel Lab SES events: delivery, opens, clicks, bounces, complaints',
      timeout: SES_EVENTS_TIMEOUT,
    });
    grantTableItems(props.table, this.sesEventsFunction.fn);
    this.sesEvents = new SesEventsRoute(this, 'SesEventsRoute', {
      configurationSetName: this.ses.configurationSet.configurationSetName,
      fn: this.sesEventsFunction.fn,
    });
    this.alarms.alarmOnQueueMessages(
      'SesEventsDeadLetterAlarm',
      this.sesEvents.deadLetterQueue,
      'Channel Lab: SES events could not be delivered to the SES events function',
    );

    // Customer events: table items (pending sends, their timers and counts); no secret, no queue (decisions are made when sends come due).
    this.customerEventsFunction = this.addFunction('CustomerEvents', {
      entry: entries.customerEvents,
      description: 'Channel Lab customer events from EventBridge: trigger and exit triggered sends',
      timeout: CUSTOMER_EVENTS_TIMEOUT,
    });
    grantTableItems(props.table, this.customerEventsFunction.fn);
    this.customerEvents = new CustomerEventsRoute(this, 'CustomerEventsRoute', {
      fn: this.customerEventsFunction.fn,
      eventBusName: props.customerEventBusName,
      sources: props.customerEventSources,
    });
    this.alarms.alarmOnQueueMessages(
      'CustomerEventsDeadLetterAlarm',
      this.customerEvents.deadLetterQueue,
      'Channel Lab: customer events could not be recorded (malformed, or the table kept failing)',
    );

    // Counter aggregator: the table's stream in, counter and checkpoint writes out (nothing else).
    this.counterAggregatorFunction = this.addFunction('CounterAggregator', {
      entry: entries.counterAggregator,
      description: "Channel Lab counter aggregator: adds sends and successes from the table's stream to the cohort counters",
      timeout: COUNTER_AGGREGATOR_TIMEOUT,
    });
    this.counterStream = new CounterStream(this, 'CounterStream', { table: props.table, fn: this.counterAggregatorFunction.fn });
    this.alarms.alarmOnQueueMessages(
      'CounterStreamFailureAlarm',
      this.counterStream.failureQueue,
      'Channel Lab: stream records could not be counted after the retries (the queue holds their shard and sequence range; counts are short until they are replayed)',
    );

    // Dispatch outbox: the table's stream in (new `queued` decisions and releases of deferred ones), SQS sends to the dispatch queue
    // out, and the pending mark of the decisions SQS refuses (nothing else of the table).
    this.dispatchOutboxFunction = this.addFunction('DispatchOutbox', {
      entry: entries.dispatchOutbox,
      description: "Channel Lab dispatch outbox: sends new decisions from the table's stream to the dispatch queue",
      timeout: DISPATCH_OUTBOX_TIMEOUT,
    });
    this.dispatchOutbox = new DispatchOutbox(this, 'DispatchOutboxStream', { table: props.table, fn: this.dispatchOutboxFunction.fn, queue: this.dispatchQueue.queue });
    // The scheduled work's releases of deferred sends are enqueued by the outbox only: on an update,
    // its code (which no longer enqueues them) is replaced after the mapping takes them.
    this.scheduledWorkFunction.fn.node.addDependency(this.dispatchOutbox.mapping);
    this.alarms.alarmOnQueueMessages(
      'DispatchOutboxFailureAlarm',
      this.dispatchOutbox.failureQueue,
      'Channel Lab: new decisions could not be queued nor marked for reconciliation after the retries (the queue holds their shard and sequence range; their messages are not sent until they are replayed)',
    );

    // Reconciliation: table RW (pending index, delivery watches), re-enqueue lost messages. Its metric is
    // written as Embedded Metric Format log lines, so it needs no cloudwatch:PutMetricData.
    this.reconciliationFunction = this.addFunction('Reconciliation', {
      entry: entries.reconciliation,
      description: 'Channel Lab reconciliation: re-enqueues lost messages, reports assignments stuck without delivery news',
      timeout: RECONCILIATION_TIMEOUT,
    });
    grantTableItems(props.table, this.reconciliationFunction.fn);
    this.dispatchQueue.queue.grantSendMessages(this.reconciliationFunction.fn);
    new FunctionSchedule(this, 'ReconciliationSchedule', {
      fn: this.reconciliationFunction.fn,
      rate: RECONCILIATION_RATE,
      description: 'Channel Lab check for stuck assignments',
    });
    const stuckAlarm = new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: STUCK_ASSIGNMENTS_METRIC,
      // Powertools Metrics publishes every metric with the `service` dimension.
      dimensionsMap: { service: SERVICE_NAME },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: RECONCILIATION_RATE,
    }).createAlarm(this, 'StuckAssignmentsAlarm', {
      alarmDescription: 'Channel Lab: assignments stuck in queued, or sent without any delivery news',
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // The check publishes its count on every run: no data means it did not run, which needs a look too.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    stuckAlarm.addAlarmAction(this.alarms.action);
    addServiceAlarms(this);
  }

  /**
   * Adds a function with the common environment (and the stack's tracing setting), and routes
   * `options.routes` to it. Grant it what it needs afterwards, e.g. `table.grantReadData(f.fn)`.
   * @returns the new function
   */
  public addFunction(id: string, options: AddFunctionOptions): ChannelLabFunction {
    const { routes, environment, ...functionProps } = options;
    const fn = new ChannelLabFunction(this, id, {
      ...functionProps,
      tracing: this.tracing,
      environment: { ...this.commonEnvironment, ...environment },
    });
    this.functions.push(fn);
    if (routes && routes.length > 0) {
      this.httpApi.addFunctionRoutes(id, fn.fn, routes);
    }
    return fn;
  }
}
