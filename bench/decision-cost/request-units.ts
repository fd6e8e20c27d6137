/**
 * Measurement 2: DynamoDB request units per decision, per dispatched message, per counted event
 * and per allocator run, through the real use cases built by the composition root, against
 * DynamoDB Local. Each figure is reported twice: what DynamoDB Local said (`ConsumedCapacity`) and
 * what the service would bill for the same operations (computed, see `capacity.ts`).
 */
import { randomBytes } from 'node:crypto';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createDocumentClient, createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import type { Channel } from '../../shared/domain/experiment/channels';
import type { Experiment } from '../../shared/domain/experiment/experiment';
import { ExperimentDefinitionSchema } from '../../shared/domain/experiment/experiment-definition';
import { loadConfig } from '../../shared/runtime/config';
import { staticKeyRing } from '../../shared/runtime/secrets';
import { createTableAccess } from '../../shared/runtime/composition/table-access';
import { type ApiDependencies, composeApi } from '../../functions/api/api-composition';
import { composeDispatcher } from '../../functions/dispatcher/dispatcher-composition';
import { composeScheduledWork } from '../../functions/scheduled-work/scheduled-work-composition';
import { reallocate } from '../../shared/use-cases/allocation/run-allocation';
import { dispatchAssignment } from '../../shared/use-cases/dispatch/dispatch-assignment';
import { recordEvent } from '../../shared/use-cases/events/record-events';
import { createExperiment, transitionExperiment } from '../../shared/use-cases/experiments/experiment-service';
import { sendToRecipients, type SendOutcome } from '../../shared/use-cases/sends/send-message';
import { CapacityMeter, documentClientOf, instrument, type Units } from './capacity';
import { benchExperiment, benchRecipient, middayTimeZone } from './fixtures';
import { composeCounterAggregator } from '../../functions/counter-aggregator/counter-aggregator-composition';
import { countStreamChanges } from '../../shared/use-cases/counters/count-stream-changes';
import { TableStreamReader } from '../../local/table-stream-reader';

/** Decisions measured per scenario (one recipient per call, one call after the other). */
export const DECISIONS_PER_SCENARIO = 40;
/** Recipients of the batch scenario (one call). */
export const RU_BATCH_SIZE = 40;
/** Allocator runs measured (the figure is the mean). */
export const ALLOCATOR_RUNS = 3;
/** Table of this measurement in DynamoDB Local. */
const TABLE_NAME = 'bench-decision-cost-units';
/** Bytes of the random signing secret. */
const SECRET_BYTES = 32;

/** Request units of one path, per unit of work. */
export interface UnitsRow {
  /** What the row measures. */
  readonly label: string;
  /** Units of work measured (decisions, messages, events, runs). */
  readonly count: number;
  /** DynamoDB Local's `ConsumedCapacity`, per unit of work. */
  readonly local: Units;
  /** The service's on-demand billing for the same operations (computed), per unit of work. */
  readonly service: Units;
  /** DynamoDB calls per unit of work, by command. */
  readonly operations: Record<string, number>;
  /** GSI entries written per unit of work (included in `service.write`). */
  readonly indexWrites: number;
}

/** What measurement 2 reports. */
export interface RequestUnitsReport {
  /** One row per path. */
  readonly rows: readonly UnitsRow[];
  /** Dispatched messages per channel (the dispatch row averages over them). */
  readonly dispatchedByChannel: Readonly<Partial<Record<Channel, number>>>;
  /** Counter items the allocator read per run (20 shards × segments × arms × cohort hours present). */
  readonly allocatorCounterItems: number;
}


function perUnit(meter: CapacityMeter, label: string, count: number): UnitsRow {
  const totals = meter.totals();
  const div = (units: Units): Units => ({ read: units.read / count, write: units.write / count });
  return {
    label,
    count,
    local: div(totals.local),
    service: div(totals.expected),
    operations: Object.fromEntries(Object.entries(totals.operations).map(([name, n]) => [name, n / count])),
    indexWrites: totals.indexWrites / count,
  };
}

/**
 * The assignment-id secret of the benchmark. Fixed (a benchmark has nothing to protect), so that the
 * decisions' ids, and with them the channels the seeded decisions pick, are the same in every run:
 * with seeded decisions ({@link BENCH_FIRST_DECISION_SEED}), the dispatch row's channel mix (email
 * adds a delivery watch) no longer moves between runs.
 */
const BENCH_ASSIGNMENT_ID_KEY = 'channel-lab-bench-decision-cost-assignment-ids';
/** The first decision seed of the benchmark (each decision takes the next). */
const BENCH_FIRST_DECISION_SEED = 20_261_130;

async function startedExperiment(deps: ApiDependencies, frequencyCap: boolean): Promise<Experiment> {
  // A fixed idempotency key gives each experiment the same id in every run (see BENCH_ASSIGNMENT_ID_KEY).
  const { experiment } = await createExperiment(deps, ExperimentDefinitionSchema.parse(benchExperiment(frequencyCap)), `bench-decision-cost-${frequencyCap ? 'capped' : 'plain'}`);
  return transitionExperiment(deps, experiment.id, 'start');
}

async function sendOne(deps: ApiDependencies, experimentId: string, recipient: Record<string, unknown>): Promise<SendOutcome> {
  const [outcome] = await sendToRecipients(deps, experimentId, [recipient]);
  if (!outcome || (outcome.status !== 'queued' && outcome.existing !== true)) throw new Error(`benchmark: unexpected send outcome ${JSON.stringify(outcome)}`);
  return outcome;
}

/**
 * Runs measurement 2 against the DynamoDB Local at `endpoint`.
 *
 * @param endpoint - DynamoDB Local's endpoint.
 * @param progress - reports progress (stderr).
 * @returns request units per path.
 */
export async function measureRequestUnits(endpoint: string, progress: (message: string) => void): Promise<RequestUnitsReport> {
  const admin = createDynamoClient({ endpoint });
  await createTable(admin, TABLE_NAME);
  const side = createDocumentClient(admin);
  const links = staticKeyRing({ current: randomBytes(SECRET_BYTES).toString('base64url') });
  const assignmentIdKey = BENCH_ASSIGNMENT_ID_KEY;
  const config = loadConfig({ TABLE_NAME, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'us-east-1', PUBLIC_BASE_URL: 'http://127.0.0.1' });
  // Each function's own composition root (API, dispatcher, scheduled work) on one instrumented client.
  const table = createTableAccess(config);
  // Seeded decisions (a counter, as the tests' fixed seeds): with the fixed ids, the same channels every run.
  let nextSeed = BENCH_FIRST_DECISION_SEED;
  const deps: ApiDependencies = { ...composeApi(config, { table, assignmentIdKey }), seeds: { nextSeed: () => nextSeed++ } };
  const meter = new CapacityMeter();
  instrument(documentClientOf(deps.experiments), side, meter);

  const plain = await startedExperiment(deps, false);
  const capped = await startedExperiment(deps, true);
  const timezone = middayTimeZone(new Date());
  const customers = Array.from({ length: DECISIONS_PER_SCENARIO }, (_, i) => `units-${i}`);
  const rows: UnitsRow[] = [];

  const measure = async (label: string, count: number, body: () => Promise<void>): Promise<void> => {
    meter.reset();
    await body();
    rows.push(perUnit(meter, label, count));
    progress(`request units: ${label}`);
  };

  // The first call of a function instance fills the experiment (5 s) and weight caches.
  await measure('first call of an instance (cold caches)', 1, async () => void (await sendOne(deps, plain.id, benchRecipient('units-warm', 0, timezone))));
  await sendOne(deps, capped.id, benchRecipient('units-warm', 0, timezone));

  const queued: { id: string; channel: Channel }[] = [];
  await measure('decision, no frequency cap', customers.length, async () => {
    for (const [i, customer] of customers.entries()) {
      const outcome = await sendOne(deps, plain.id, benchRecipient(customer, i, timezone));
      if (outcome.assignmentId && outcome.channel) queued.push({ id: outcome.assignmentId, channel: outcome.channel });
    }
  });
  await measure('decision, frequency cap (1 earlier decision)', customers.length, async () => {
    for (const [i, customer] of customers.entries()) await sendOne(deps, capped.id, benchRecipient(customer, i, timezone));
  });
  await measure('repeated request (sticky)', customers.length, async () => {
    for (const [i, customer] of customers.entries()) await sendOne(deps, plain.id, benchRecipient(customer, i, timezone));
  });
  await measure(`decision in a batch of ${RU_BATCH_SIZE}, no cap`, RU_BATCH_SIZE, async () => {
    await sendToRecipients(deps, plain.id, Array.from({ length: RU_BATCH_SIZE }, (_, i) => benchRecipient(`units-batch-${i}`, i, timezone)));
  });

  const dispatchDeps = { ...composeDispatcher(config, { table, links }), sendMessage: async () => ({ providerMessageId: `bench-${randomBytes(8).toString('hex')}` }) };
  const dispatchedByChannel: Partial<Record<Channel, number>> = {};
  await measure('dispatched message (no-op provider)', queued.length, async () => {
    for (const { id, channel } of queued) {
      const outcome = await dispatchAssignment(dispatchDeps, id);
      if (outcome !== 'sent') throw new Error(`benchmark: dispatch of ${id} ended ${outcome}`);
      dispatchedByChannel[channel] = (dispatchedByChannel[channel] ?? 0) + 1;
    }
  });

  const occurredAt = new Date().toISOString();
  const event = (assignmentId: string) => ({ eventId: `click-${assignmentId}`, type: 'clicked', occurredAt, assignmentId });
  await measure('counted event (goal, first time)', queued.length, async () => {
    for (const { id } of queued) {
      const outcome = await recordEvent(deps, event(id));
      if (outcome.status !== 'counted') throw new Error(`benchmark: event for ${id} was ${outcome.status}`);
    }
  });
  await measure('repeated event (duplicate)', queued.length, async () => {
    for (const { id } of queued) await recordEvent(deps, event(id));
  });

  // The counter aggregator over this run's stream (every record since the table was made; it counts the
  // 40 sends and 40 goals, in batches of the local reader's size), on the same instrumented client.
  const aggregator = composeCounterAggregator(config, { table });
  const reader = new TableStreamReader(admin, endpoint, TABLE_NAME, (batch) => countStreamChanges(aggregator, batch));
  await measure(`counter aggregator, per counted change (this run's stream)`, queued.length * 2, async () => reader.drain());
  reader.destroy();

  const scheduled = composeScheduledWork(config, { table, assignmentIdKey });
  let allocatorCounterItems = 0;
  await measure('allocator run (1 experiment, 3 segments × 3 arms)', ALLOCATOR_RUNS, async () => {
    for (let run = 0; run < ALLOCATOR_RUNS; run += 1) {
      const experiment = await scheduled.experiments.get(plain.id);
      if (!experiment) throw new Error('benchmark: experiment vanished');
      const before = meter.records.length;
      await reallocate(scheduled, experiment);
      allocatorCounterItems = meter.records.slice(before).filter((record) => record.command === 'Query').reduce((sum, record) => sum + record.items, 0);
    }
  });
  admin.destroy();
  return { rows, dispatchedByChannel, allocatorCounterItems };
}
