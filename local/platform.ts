import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { createDynamoClient } from '../shared/adapters/dynamodb/document-client';
import { DynamoOutbox } from '../shared/adapters/dynamodb/outbox-sender';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../shared/runtime/config';
import { dispatchAssignment } from '../shared/use-cases/dispatch/dispatch-assignment';
import { runScheduledWork, type ScheduledReport, type ScheduledWorkDependencies } from '../shared/use-cases/scheduled/scheduled-work';
import { reconcile, type ReconciliationDependencies, type ReconciliationReport } from '../shared/use-cases/reconciliation/reconcile';
import { createTableAccess } from '../shared/runtime/composition/table-access';
import type { DispatchDependencies } from '../shared/use-cases/dispatch/dispatch-assignment';
import type { TrackingDependencies } from '../shared/use-cases/tracking/tracking-service';
import { LOCAL_MAX_RECEIVES, LocalDispatchQueue } from './local-dispatch-queue';
import { markPendingOnLastReceive } from '../shared/use-cases/dispatch/mark-last-receive';
import { createApiKey } from '../shared/use-cases/auth/api-keys';
import type { Clock } from '../shared/use-cases/ports/clock';
import { staticKeyRing } from '../shared/runtime/secrets';
import type { KeyRing } from '../shared/domain/tracking';
import type { SeedSource } from '../shared/use-cases/ports/seed-source';
import { type ApiDependencies, composeApi } from '../functions/api/api-composition';
import { createApiHandler } from '../functions/api/api-handler';
import { type AnalysisDependencies, composeAnalysis } from '../functions/analysis/analysis-composition';
import { createAnalysisHandler } from '../functions/analysis/analysis-handler';
import document from '../functions/openapi/openapi-document.json' with { type: 'json' };
import { createOpenApiHandler } from '../functions/openapi/openapi-handler';
import { ANALYSIS_PATHS, OPENAPI_PATHS } from '../infra/http-paths';
import { composeDispatcher } from '../functions/dispatcher/dispatcher-composition';
import { composeReconciliation } from '../functions/reconciliation/reconciliation-composition';
import { composeScheduledWork } from '../functions/scheduled-work/scheduled-work-composition';
import { composeTracking } from '../functions/tracking/tracking-composition';
import { createTrackingHandler } from '../functions/tracking/tracking-handler';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { composeCounterAggregator } from '../functions/counter-aggregator/counter-aggregator-composition';
import { countStreamChanges } from '../shared/use-cases/counters/count-stream-changes';
import type { StatisticsReader } from '../shared/use-cases/ports/allocation-ports';
import { TableStreamReader } from './table-stream-reader';
import { composeDispatchOutbox } from '../functions/dispatch-outbox/dispatch-outbox-composition';
import { newDecisionsOf } from '../shared/adapters/dynamodb/new-decision-records';
import { dispatchNewDecisions } from '../shared/use-cases/dispatch/dispatch-new-decisions';
import { createLocalHttpServer, type HttpLambda, mount } from './http-server';
import { webAppHandler } from './web-app';

/** Default port of `npm start`. */
export const DEFAULT_LOCAL_PORT = 3000;
/** Default table name of the local platform. */
export const DEFAULT_LOCAL_TABLE = 'channel-lab-local';

/** Period of the scheduled work, as the stack's EventBridge rule. */
export const DEFAULT_SCHEDULE_MS = 60_000;
/**
 * How often the local counter aggregator reads the table's stream (the stack's mapping gathers
 * records for up to 5 s; counts trail by about that much there, by about a second here).
 */
export const COUNTER_STREAM_POLL_MS = 1_000;
/**
 * How often the local dispatch outbox reads the table's stream for new decisions (the stack's
 * mapping waits up to its batching window). `queue.drain()` reads it at once.
 */
export const OUTBOX_STREAM_POLL_MS = 1_000;
/** Reconciliation runs every 15 scheduled periods (15 minutes, as in the stack). */
const RECONCILIATION_EVERY_SCHEDULES = 15;
/** Bytes of each random secret generated when none is given. */
const SECRET_BYTES = 32;

/** Options of the local platform. */
export interface LocalPlatformOptions {
  /** HTTP port (0 for any free port). */
  readonly port?: number;
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local. */
  readonly dynamoEndpoint?: string;
  /** Table name (tests use one per file). */
  readonly tableName?: string;
  /** Require API keys, as the stack does (default: off locally); an admin key is created at start. */
  readonly auth?: boolean;
  /** Clock of the handlers (tests drive simulated time with it; default: the wall clock). */
  readonly clock?: Clock;
  /** Period of the scheduled work in ms (0: never by itself; default one minute, as in the stack). */
  readonly scheduleEveryMs?: number;
  /** Decision seeds (default: random; tests fix them so that decisions are reproducible). */
  readonly seeds?: SeedSource;
  /** Persist DynamoDB Local's data in this folder (default: in memory). */
  readonly dbPath?: string;
  /** Link-signing keys (tests of key rotation; default: one random key). */
  readonly linkKeys?: KeyRing;
  /**
   * Simulated seconds per real second of `clock` (the demo's scaled clock; default 1). Cache
   * lifetimes the handlers state in `Cache-Control: max-age` are in the platform's time, so they
   * are divided by it: a browser polls as often, in simulated time, as it would in real time.
   */
  readonly timeScale?: number;
}

/**
 * Every function's dependencies in one object (each function's own composition root, on one
 * table client and one clock): what tests reach into. Where two functions hold the same kind of
 * adapter, the API's is the one here.
 */
export type LocalDependencies = ApiDependencies & AnalysisDependencies & TrackingDependencies & DispatchDependencies & ScheduledWorkDependencies & ReconciliationDependencies & { readonly outbox: DynamoOutbox };

/** The local platform's secrets: one per purpose, as in the stack. */
export interface LocalSecrets {
  /** Link-signing keys (tracking verifies, the dispatcher signs). */
  readonly links: KeyRing;
  /** Webhook-signing keys (each experiment's secret derives from them). */
  readonly webhooks: KeyRing;
  /** Key of assignment ids. */
  readonly assignmentIds: string;
}

/** A running local platform. */
export interface LocalPlatform {
  /** Base URL of the API, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** DynamoDB endpoint it uses. */
  readonly dynamoEndpoint: string;
  /** Table name it uses. */
  readonly tableName: string;
  /** With `auth`: an admin API key created at start (send it as `x-api-key`). */
  readonly adminKey?: string;
  /** Runs the scheduled work now (allocations due, deferred sends). */
  runSchedule(): Promise<ScheduledReport>;
  /** Runs the reconciliation check now. */
  runReconciliation(): Promise<ReconciliationReport>;
  /**
   * Counts what the table's stream holds so far into the counters (the counter aggregator's
   * work, which also runs every {@link COUNTER_STREAM_POLL_MS} when the schedule runs by itself).
   * Every counter read of the allocator and the results drains first, as the deployed aggregator
   * has caught up within seconds by the time the one-minute schedule reads.
   */
  drainCounters(): Promise<void>;
  /**
   * The in-process dispatch queue (SQS stand-in), fed by the dispatch outbox on the table's stream
   * (polled every {@link OUTBOX_STREAM_POLL_MS} when the schedule runs by itself): its `drain()`
   * reads the stream first, so a test or the simulator that drains right after a send finds the
   * message dispatched.
   */
  readonly queue: LocalDispatchQueue;
  /** Drops the handlers' cached experiments and allocations (the next send reads them again). */
  clearCaches(): void;
  /** The dependencies the handlers run with (every function's, see {@link LocalDependencies}). */
  readonly deps: LocalDependencies;
  /** The secrets the handlers run with, one per purpose (tests sign tokens and check signatures with them). */
  readonly secrets: LocalSecrets;
  /** The document client every handler shares (tests inject DynamoDB faults below the SDK's retries). */
  readonly documents: DynamoDBDocumentClient;
  /** Stops the server (and DynamoDB Local if it started it). */
  stop(): Promise<void>;
}

/**
 * Runs timed work one run at a time: a tick that comes while the previous run is still going is
 * skipped (as a one-minute schedule whose run outlasts the minute), so runs never pile up.
 */
class NonOverlapping {
  private running: Promise<void> | undefined;
  private stopped = false;

  run(work: () => Promise<unknown>, failure: string): void {
    if (this.running || this.stopped) return;
    this.running = work()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!this.stopped) console.error(failure, error);
      })
      .finally(() => (this.running = undefined));
  }

  /** Starts no new run, and resolves when the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}

/** A function's dependencies whose counter reads drain the table's stream first (see {@link LocalPlatform.drainCounters}). */
function withDrainedStatistics<T extends { readonly statistics: StatisticsReader }>(deps: T, afterDrain: (reader: StatisticsReader) => StatisticsReader, extra: object): T {
  return { ...deps, ...extra, statistics: afterDrain(deps.statistics) };
}

/** `max-age=N` of a Cache-Control header, N in the platform's time, turned into real seconds (at least 1). */
export function scaleMaxAge(cacheControl: string, timeScale: number): string {
  return cacheControl.replace(/max-age=(\d+)/, (_, seconds: string) => `max-age=${Math.max(1, Math.ceil(Number(seconds) / timeScale))}`);
}

/**
 * On a scaled clock, answers speak the platform's time: `max-age` in real seconds (see
 * {@link scaleMaxAge}) and the `Date` header from the platform's clock (so that `simulate`
 * follows the demo's time line).
 */
function onPlatformTime(handler: HttpLambda, timeScale: number, clock: Clock | undefined): HttpLambda {
  if (timeScale === 1 || clock === undefined) return handler;
  return async (event, context) => {
    const result = await handler(event, context);
    const cacheControl = result.headers?.['cache-control'];
    return {
      ...result,
      headers: { ...result.headers, date: clock.now().toUTCString(), ...(typeof cacheControl === 'string' ? { 'cache-control': scaleMaxAge(cacheControl, timeScale) } : {}) },
    };
  };
}

/** Thrown when the HTTP port is taken: says which and what to do. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use (another \`npm start\`?): stop that process, or choose another port, e.g. PORT=${port + 1} npm start`);
    this.name = 'PortInUseError';
  }
}

/** Listens on 127.0.0.1:`port`, or fails with {@link PortInUseError} when the port is taken. */
function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Starts the local platform: DynamoDB Local (unless an endpoint is given), the table from the
 * shared definition, and the same Lambda handlers behind a local HTTP server with the same routes.
 */
export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  // The port first: when it is taken, nothing else has started (no DynamoDB Local JVM left behind).
  const server = await listen(createLocalHttpServer([]), options.port ?? DEFAULT_LOCAL_PORT);
  let dynamo: DynamoDbLocal | undefined;
  try {
    const endpoint = options.dynamoEndpoint ?? (dynamo = await startDynamoDbLocal(options.dbPath ? { dbPath: options.dbPath } : {})).endpoint;
    const admin = createDynamoClient({ endpoint });
    await createTable(admin, options.tableName ?? DEFAULT_LOCAL_TABLE);
    admin.destroy();
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dynamo?.stop();
    throw error;
  }
  const dynamoEndpoint = options.dynamoEndpoint ?? dynamo?.endpoint ?? '';
  const tableName = options.tableName ?? DEFAULT_LOCAL_TABLE;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // One secret per purpose, as in the stack (from the environment, else random for this run).
  const secret = (name: string) => process.env[name] ?? randomBytes(SECRET_BYTES).toString('base64url');
  const secretValues = { LINK_SIGNING_SECRET: secret('LINK_SIGNING_SECRET'), WEBHOOK_SIGNING_SECRET: secret('WEBHOOK_SIGNING_SECRET'), ASSIGNMENT_ID_SECRET: secret('ASSIGNMENT_ID_SECRET') };
  const authMode = options.auth ? 'api_keys' : 'none';
  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamoEndpoint, AWS_REGION: 'us-east-1', PUBLIC_BASE_URL: url, ...secretValues, AUTH_MODE: authMode });
  const queue = new LocalDispatchQueue();
  // One key ring per purpose, as in the stack; each function gets only the keys it uses.
  const links = staticKeyRing(options.linkKeys ?? { current: secretValues.LINK_SIGNING_SECRET });
  const webhooks = { current: secretValues.WEBHOOK_SIGNING_SECRET };
  const assignmentIdKey = secretValues.ASSIGNMENT_ID_SECRET;
  // Each function's own composition root, on one table client and one clock; messages go to the outbox.
  const table = createTableAccess(config, options.clock);
  const seeds = options.seeds ? { seeds: options.seeds } : {};
  // The counter aggregator on DynamoDB Local's stream, with the same use case as the stack's function.
  const streamClient = createDynamoClient({ endpoint: dynamoEndpoint });
  // Its own client, as the stack's function has (faults tests inject into the handlers' client stay theirs).
  const counterAggregator = composeCounterAggregator(config, { table: createTableAccess(config, options.clock) });
  const counterStream = new TableStreamReader(streamClient, dynamoEndpoint, tableName, (batch) => countStreamChanges(counterAggregator, batch));
  const drainCounters = () => counterStream.drain();
  // The dispatch outbox on the same stream, with the same use case as the stack's function: it
  // feeds the queue (its own table client, as the stack's function has its own).
  const dispatchOutbox = composeDispatchOutbox(config, { table: createTableAccess(config, options.clock), queue });
  const outboxStream = new TableStreamReader(streamClient, dynamoEndpoint, tableName, (batch) => dispatchNewDecisions(dispatchOutbox, newDecisionsOf(batch.changes)));
  queue.feedFrom(() => outboxStream.drain());
  const afterDrain = (reader: StatisticsReader): StatisticsReader => ({ read: async (experimentId) => (await drainCounters(), reader.read(experimentId)) });
  const outbox = new DynamoOutbox(table.documents, table.table, table.nowIso);
  const functions = {
    api: { ...composeApi(config, { table, assignmentIdKey }), outbox, ...seeds },
    analysis: withDrainedStatistics(composeAnalysis(config, { table }), afterDrain, seeds),
    tracking: composeTracking(config, { table, links }),
    dispatcher: composeDispatcher(config, {
      table,
      links,
      webhooks,
      senders: (inApp) => ({ email: outbox.senderFor('email'), sms: outbox.senderFor('sms'), push: outbox.senderFor('push'), webhook: outbox.senderFor('webhook'), in_app: inApp }),
    }),
    scheduledWork: withDrainedStatistics(composeScheduledWork(config, { table, assignmentIdKey }), afterDrain, seeds),
    reconciliation: composeReconciliation(config, { table, queue }),
  };
  const deps: LocalDependencies = { ...functions.reconciliation, ...functions.scheduledWork, ...functions.dispatcher, ...functions.tracking, ...functions.analysis, ...functions.api, pending: functions.reconciliation.pending };
  queue.consume((assignmentId) => dispatchAssignment(functions.dispatcher, assignmentId));
  queue.onLastReceiveFailure((assignmentId, receive) => markPendingOnLastReceive(functions.dispatcher.pending, assignmentId, receive, LOCAL_MAX_RECEIVES));
  const adminKey = options.auth ? (await createApiKey(functions.api, { name: 'local admin', scopes: ['admin'] })).key : undefined;
  const tracking = createTrackingHandler(functions.tracking) as unknown as HttpLambda;
  const timeScale = options.timeScale ?? 1;
  const api = onPlatformTime(createApiHandler(functions.api) as unknown as HttpLambda, timeScale, options.clock);
  const analysis = onPlatformTime(createAnalysisHandler(functions.analysis) as unknown as HttpLambda, timeScale, options.clock);
  const openApi = onPlatformTime(createOpenApiHandler(document) as unknown as HttpLambda, timeScale, options.clock);
  mount(server, [
    // The stack's routes: the specific paths first (API Gateway prefers them to `/v1/{proxy+}`).
    ...OPENAPI_PATHS.map((path) => ({ path, handler: openApi })),
    ...ANALYSIS_PATHS.map((path) => ({ path, handler: analysis })),
    { prefix: '/v1/', handler: api },
    { prefix: '/t/', handler: tracking },
    { prefix: '/o/', handler: tracking },
    { prefix: '/u/', handler: tracking },
    // Last: everything else is the web app (index.html at /, hashed files under /assets/).
    { prefix: '/', handler: webAppHandler() },
  ]);
  // The same scheduled work as the stack's one-minute EventBridge rule.
  const runSchedule = () => runScheduledWork(functions.scheduledWork);
  const everyMs = options.scheduleEveryMs ?? DEFAULT_SCHEDULE_MS;
  const scheduled = new NonOverlapping();
  const counting = new NonOverlapping();
  const outboxPolling = new NonOverlapping();
  const timer = everyMs > 0 ? setInterval(() => scheduled.run(runSchedule, 'scheduled run failed'), everyMs) : undefined;
  timer?.unref();
  const streamTimer = everyMs > 0 ? setInterval(() => counting.run(drainCounters, 'counter stream failed'), COUNTER_STREAM_POLL_MS) : undefined;
  streamTimer?.unref();
  const outboxTimer = everyMs > 0 ? setInterval(() => outboxPolling.run(() => queue.drain(), 'dispatch outbox failed'), OUTBOX_STREAM_POLL_MS) : undefined;
  outboxTimer?.unref();
  const runReconciliation = () => reconcile(functions.reconciliation);
  const reconciliationTimer = everyMs > 0 ? setInterval(() => scheduled.run(runReconciliation, 'reconciliation failed'), everyMs * RECONCILIATION_EVERY_SCHEDULES) : undefined;
  reconciliationTimer?.unref();
  return {
    url,
    ...(adminKey ? { adminKey } : {}),
    queue,
    runSchedule,
    runReconciliation,
    drainCounters,
    dynamoEndpoint,
    tableName,
    deps,
    secrets: { links: links.current(), webhooks, assignmentIds: assignmentIdKey },
    documents: table.documents,
    clearCaches: () => {
      for (const cache of [functions.api.allocations, functions.api.experimentSource, functions.api.listening, functions.dispatcher.experimentSource, functions.scheduledWork.experimentSource, functions.scheduledWork.allocations] as unknown[]) (cache as { clear?: () => void }).clear?.();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      if (reconciliationTimer) clearInterval(reconciliationTimer);
      if (streamTimer) clearInterval(streamTimer);
      if (outboxTimer) clearInterval(outboxTimer);
      await scheduled.stop();
      await counting.stop();
      await outboxPolling.stop();
      counterStream.destroy();
      outboxStream.destroy();
      streamClient.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await dynamo?.stop();
    },
  };
}
