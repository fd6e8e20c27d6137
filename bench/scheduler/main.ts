/**
 * Scheduler benchmark (`npm run bench:scheduler`, `-- --n 2000`, `-- --json`). A benchmark, not a
 * test: it prints figures and asserts nothing about timings.
 *
 * 1. Loads N pending triggered sends due within one minute into DynamoDB Local (customer profiles,
 *    then the pending sends with their timers and counters, through the production store).
 * 2. Runs the scheduled firing as the one-minute schedule does, on a clock that starts at the tick
 *    and runs in real time from there: lateness = when the send fired − when it was due (the wait
 *    for the tick plus the processing), p50/p99/max; throughput = sends fired per minute of firing.
 * 3. The pure per-item cost apart from DynamoDB: matching a customer event (20 listening
 *    experiments, next local HH:MM) and firing with in-memory ports (the use case's own CPU).
 * DynamoDB Local does a few hundred writes/s on this machine: its figures bound the store, not
 * DynamoDB (see docs/journeys.md for the arithmetic at 10,000 sends a minute).
 */
import { performance } from 'node:perf_hooks';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { composeApi } from '../../functions/api/api-composition';
import { composeScheduledWork } from '../../functions/scheduled-work/scheduled-work-composition';
import type { Customer } from '../../shared/domain/customer/customer';
import { type Experiment, newExperiment, applyAction } from '../../shared/domain/experiment/experiment';
import { ExperimentDefinitionSchema } from '../../shared/domain/experiment/experiment-definition';
import { CustomerEventSchema } from '../../shared/domain/triggers/customer-event';
import { matchCustomerEvent } from '../../shared/domain/triggers/match-event';
import type { PendingSend } from '../../shared/domain/triggers/pending-send';
import { loadConfig } from '../../shared/runtime/config';
import { createTableAccess } from '../../shared/runtime/composition/table-access';
import { createIds, cryptoSeeds } from '../../shared/runtime/system-clock';
import { mapWithConcurrency } from '../../shared/use-cases/concurrency';
import type { Clock } from '../../shared/use-cases/ports/clock';
import { openJourneyGate } from '../../shared/use-cases/ports/journey-gate';
import type { PendingSendStore, PendingSendTimer } from '../../shared/use-cases/ports/pending-sends';
import { type FireDependencies, firePendingSends } from '../../shared/use-cases/triggers/fire-pending-sends';
import { createExperiment, transitionExperiment } from '../../shared/use-cases/experiments/experiment-service';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
};
/** Pending sends loaded, due within one minute. */
const N = flag('n', 1_000);
/** Stop after this many ticks even if not everything fired. */
const MAX_TICKS = 3;
/** Writes in flight while loading. */
const LOAD_CONCURRENCY = 16;
/** Events matched and sends fired in process for the pure cost. */
const PURE_ITEMS = 20_000;
/** Listening experiments the pure matching runs against. */
const PURE_EXPERIMENTS = 20;
const MINUTE = 60_000;
const T = Date.parse('2026-12-01T10:00:00.000Z');

for (const level of ['log', 'info', 'debug', 'warn'] as const) {
  console[level] = (...items: unknown[]) => process.stderr.write(`${items.map(String).join(' ')}\n`);
}
const progress = (message: string): void => {
  if (!asJson) process.stderr.write(`… ${message}\n`);
};

/** A clock set to a simulated instant that then runs in real time (the tick starts, work takes what it takes). */
class RunningClock implements Clock {
  private base = T;
  private realStart = performance.now();
  set(at: number): void {
    this.base = at;
    this.realStart = performance.now();
  }
  now(): Date {
    return new Date(this.base + (performance.now() - this.realStart));
  }
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

const DEFINITION = {
  name: 'Bench survey',
  stage: 'post_purchase',
  channels: [
    { channel: 'email', subject: 'Order {{orderId}}', text: 'How was it?' },
    { channel: 'in_app', title: 'Order {{orderId}}', body: 'How was it?' },
  ],
  variables: ['orderId'],
  segments: [{ name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } }],
  goal: { event: 'clicked', windowHours: 24 },
  policy: { holdout: 0 },
  trigger: { event: 'order_delivered', delay: { minutes: 2880, atLocalTime: '10:00' }, variables: { orderId: 'order.id' } },
  exits: [{ event: 'order_returned' }],
};

function customerOf(index: number): Customer {
  return {
    id: `bench-${index}`,
    attributes: { age: 20 + (index % 60) },
    contact: { email: `bench-${index}@example.com`, timezone: index % 2 === 0 ? 'Europe/Paris' : 'America/New_York' },
    consents: { email: true, in_app: true },
    optOuts: {},
    updatedAt: new Date(T).toISOString(),
  };
}

function pendingOf(experimentId: string, index: number): PendingSend {
  const dueAt = new Date(T + Math.floor((index * MINUTE) / N)).toISOString();
  return {
    id: `p-${index}`,
    experimentId,
    customerId: `bench-${index}`,
    eventId: `e-${index}`,
    eventName: 'order_delivered',
    occurredAt: new Date(T - 2 * 24 * 60 * MINUTE).toISOString(),
    triggeredAt: new Date(T - MINUTE).toISOString(),
    dueAt,
    status: 'waiting',
    variables: { orderId: `o-${index}` },
    updatedAt: new Date(T - MINUTE).toISOString(),
  };
}

/** The store, recording when each send fired against when it was due. */
function timed(store: PendingSendStore, clock: Clock, lateness: number[]): PendingSendStore {
  return Object.assign(Object.create(store) as PendingSendStore, {
    finish: async (pending: PendingSend, outcome: Parameters<PendingSendStore['finish']>[1], at: string) => {
      lateness.push(clock.now().getTime() - Date.parse(pending.dueAt));
      return store.finish(pending, outcome, at);
    },
  });
}

async function measureDynamo() {
  const dynamo = await startDynamoDbLocal();
  try {
    const tableName = 'bench-scheduler';
    const admin = createDynamoClient({ endpoint: dynamo.endpoint });
    await createTable(admin, tableName);
    admin.destroy();
    const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'us-east-1', AUTH_MODE: 'none', PUBLIC_BASE_URL: 'http://127.0.0.1' });
    const clock = new RunningClock();
    clock.set(T - 10 * MINUTE);
    const access = createTableAccess(config, clock);
    // Firing and releasing enqueue nothing themselves (the dispatch outbox on the table's stream does).
    const api = composeApi(config, { table: access, assignmentIdKey: 'bench-assignment-id-key-0123456789abcdef' });
    const { experiment } = await createExperiment(api, ExperimentDefinitionSchema.parse(DEFINITION));
    await transitionExperiment(api, experiment.id, 'start');

    progress(`loading ${N} customers and ${N} pending sends due within one minute into DynamoDB Local`);
    const loadStart = performance.now();
    await mapWithConcurrency(Array.from({ length: N }, (_, index) => index), LOAD_CONCURRENCY, (index) => api.customers.put(customerOf(index)));
    await mapWithConcurrency(Array.from({ length: N }, (_, index) => index), LOAD_CONCURRENCY, (index) => api.pendingSends.createIfAbsent(pendingOf(experiment.id, index)));
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const lateness: number[] = [];
    const scheduled = composeScheduledWork(config, { table: access, assignmentIdKey: 'bench-assignment-id-key-0123456789abcdef' });
    const deps: FireDependencies = { ...scheduled, pendingSends: timed(scheduled.pendingSends, clock, lateness), seeds: cryptoSeeds };
    // Ticks every simulated minute from the window's start, as the one-minute schedule.
    const runs: { tick: string; fired: number; seconds: number }[] = [];
    for (let tick = T; lateness.length < N && tick <= T + MAX_TICKS * MINUTE; tick += MINUTE) {
      clock.set(tick);
      const start = performance.now();
      const report = await firePendingSends(deps);
      runs.push({ tick: new Date(tick).toISOString(), fired: report.fired, seconds: (performance.now() - start) / 1000 });
      progress(`tick ${new Date(tick).toISOString()}: ${JSON.stringify(report)} in ${runs.at(-1)?.seconds.toFixed(1)} s`);
    }
    const sorted = [...lateness].sort((a, b) => a - b);
    const firingSeconds = runs.reduce((sum, run) => sum + run.seconds, 0);
    const counts = await api.pendingSends.counts(experiment.id);
    return {
      n: N,
      loadSeconds,
      loadWritesPerSecond: (N * 4) / loadSeconds,
      runs,
      fired: lateness.length,
      counts,
      latenessSeconds: { p50: percentile(sorted, 0.5) / 1000, p99: percentile(sorted, 0.99) / 1000, max: (sorted.at(-1) ?? NaN) / 1000 },
      firedPerMinute: (lateness.length / firingSeconds) * 60,
    };
  } finally {
    await dynamo.stop();
  }
}

/** The use cases' own cost per item, with in-memory ports (no DynamoDB). */
async function measurePure() {
  const experiments: Experiment[] = Array.from({ length: PURE_EXPERIMENTS }, (_, index) =>
    applyAction(newExperiment(`exp-${index}`, ExperimentDefinitionSchema.parse({ ...DEFINITION, trigger: { ...DEFINITION.trigger, event: index === 0 ? 'order_delivered' : `other_${index}` } }), new Date(T)), 'start', new Date(T)),
  );
  const events = Array.from({ length: PURE_ITEMS }, (_, index) =>
    CustomerEventSchema.parse({ kind: 'customer', eventId: `e-${index}`, name: 'order_delivered', customerId: `c-${index}`, occurredAt: new Date(T + index * 1000).toISOString(), properties: { order: { id: `o-${index}` } } }),
  );
  const matchStart = performance.now();
  let matched = 0;
  for (const [index, event] of events.entries()) {
    matched += matchCustomerEvent({ experiments, event, attributes: { age: 40 }, timeZone: index % 2 === 0 ? 'Europe/Paris' : 'America/New_York', now: new Date(T + index * 1000) }).triggers.length;
  }
  const matchUs = ((performance.now() - matchStart) * 1000) / PURE_ITEMS;

  const pending = new Map<string, PendingSend>();
  const timers: PendingSendTimer[] = [];
  const experiment = experiments[0]!;
  for (let index = 0; index < PURE_ITEMS; index += 1) {
    const item = pendingOf(experiment.id, index);
    pending.set(item.id, item);
    timers.push({ pendingSendId: item.id, experimentId: item.experimentId, customerId: item.customerId, dueAt: item.dueAt });
  }
  const memoryStore = {
    due: async (_now: string, limit: number) => timers.splice(0, limit),
    claim: async (_customerId: string, id: string, at: string) => {
      const item = pending.get(id);
      if (item?.status !== 'waiting') return undefined;
      const claimed = { ...item, status: 'firing' as const, updatedAt: at };
      pending.set(id, claimed);
      return claimed;
    },
    get: async (_customerId: string, id: string) => pending.get(id),
    finish: async (item: PendingSend) => (pending.set(item.id, { ...item, status: 'sent' }), true),
    exit: async () => true,
    removeTimer: async () => undefined,
  } as unknown as PendingSendStore;
  const clock: Clock = { now: () => new Date(T + MINUTE) };
  const deps: FireDependencies = {
    pendingSends: memoryStore,
    experimentSource: { get: async () => experiment },
    allocations: { current: async () => undefined },
    customers: { get: async (id: string) => ({ ...customerOf(0), id }) } as unknown as FireDependencies['customers'],
    assignments: { createIfAbsent: async () => 'created', countRecentSends: async () => 0 } as unknown as FireDependencies['assignments'],
    journeys: openJourneyGate,
    clock,
    ids: createIds('bench-assignment-id-key-0123456789abcdef'),
    seeds: cryptoSeeds,
  };
  const fireStart = performance.now();
  let fired = 0;
  while (timers.length > 0) fired += (await firePendingSends(deps)).fired;
  const fireUs = ((performance.now() - fireStart) * 1000) / PURE_ITEMS;
  return { items: PURE_ITEMS, listeningExperiments: PURE_EXPERIMENTS, matched, matchUsPerEvent: matchUs, fired, fireUsPerSend: fireUs, firedPerMinuteOneCore: (60_000_000 / fireUs) };
}

const started = performance.now();
progress('pure per-item cost (in process)');
const pure = await measurePure();
const dynamo = await measureDynamo();
const report = { pure, dynamo, seconds: (performance.now() - started) / 1000 };
if (asJson) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  process.stdout.write(
    [
      'Scheduler benchmark',
      '',
      `1. Pure per-item cost (in process, ${pure.items.toLocaleString('en-US')} items)`,
      `   match a customer event against ${pure.listeningExperiments} listening experiments (+ next local 10:00): ${f(pure.matchUsPerEvent, 2)} µs/event`,
      `   fire a due send through the use case (in-memory ports: claim, decision, finish): ${f(pure.fireUsPerSend, 2)} µs/send → ${Math.round(pure.firedPerMinuteOneCore).toLocaleString('en-US')} sends/min on one core`,
      '',
      `2. DynamoDB Local: ${dynamo.n.toLocaleString('en-US')} pending sends due within one minute`,
      `   load: ${f(dynamo.loadSeconds)} s (${f(dynamo.loadWritesPerSecond, 0)} item writes/s: profile + pending + timer + counter per send)`,
      ...dynamo.runs.map((run) => `   tick ${run.tick}: fired ${run.fired} in ${f(run.seconds)} s`),
      `   fired ${dynamo.fired} of ${dynamo.n} (their decisions reach the queue through the dispatch outbox, not measured here); counts: triggered ${dynamo.counts.triggered}, sent ${dynamo.counts.sent}, waiting ${dynamo.counts.waiting}`,
      `   lateness (fired − due, on a clock running in real time from each tick): p50 ${f(dynamo.latenessSeconds.p50)} s, p99 ${f(dynamo.latenessSeconds.p99)} s, max ${f(dynamo.latenessSeconds.max)} s`,
      `   throughput: ${Math.round(dynamo.firedPerMinute).toLocaleString('en-US')} sends fired per minute of firing (DynamoDB Local bound)`,
      '',
      `(${f(report.seconds)} s)`,
      '',
    ].join('\n'),
  );
}
