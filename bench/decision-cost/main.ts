/**
 * Decision-cost benchmark. `npm run bench:decisions` prints tables; `-- --json` prints one JSON
 * document on stdout and nothing else (progress goes to stderr). A benchmark, not a test: it
 * asserts nothing about timings, and reports timings next to a baseline measured in the same run.
 *
 * 1. CPU per decision in process (pure core) and per allocator computation.
 * 2. DynamoDB request units per decision, dispatched message, counted event, allocator run and
 *    release of a deferred send;
 *    the dispatch outbox's requests and CPU per batch of new decisions.
 * 3. Latency of the send handler against DynamoDB Local, side by side with a baseline request.
 * 4. Bundle size and cold-start init of each function.
 * 5. Dollars per million decisions and dispatched messages.
 */
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { type BundlesReport, measureBundles } from './bundles';
import { type CpuReport, measureCpu } from './cpu';
import { estimateDollars, type OutboxInputs, outboxLines } from './dollars';
import { measureOutbox, OUTBOX_STATED_FILL, type OutboxRow, SQS_ROUND_TRIP_MS } from './outbox';
import { type LatencyReport, measureLatency } from './latency';
import { measureRequestUnits, type RequestUnitsReport, type UnitsRow } from './request-units';
import { type AggregatorRow, CHANGE_MIXES, type ChangeMix, measureAggregator } from './aggregator';
import { COUNTER_STREAM_BATCH_SIZE } from '../../infra/constants';

const asJson = process.argv.slice(2).includes('--json');
/** Bytes per KiB. */
const KIB = 1_024;

// Handlers and adapters may log; stdout carries only the report.
for (const level of ['log', 'info', 'debug', 'warn'] as const) {
  console[level] = (...items: unknown[]) => process.stderr.write(`${items.map(String).join(' ')}\n`);
}
const progress = (message: string): void => {
  if (!asJson) process.stderr.write(`… ${message}\n`);
};

function row(label: string, units: UnitsRow | undefined): UnitsRow {
  if (!units) throw new Error(`benchmark: no request-units row "${label}"`);
  return units;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, c) => Math.max(header.length, ...rows.map((cells) => (cells[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '—');

/** Changes the aggregator counts per message: its send and its one counted response. */
const CHANGES_PER_MESSAGE = 2;

/** The mix the stated per-message figure and the dollars use: response delays of a few hours (see `CHANGE_MIXES`). */
const STATED_MIX: ChangeMix = CHANGE_MIXES[1];

/** The aggregator row of a full batch of the stack's mapping, in `mix`. */
function aggregatorRowOf(aggregator: readonly AggregatorRow[], mix: ChangeMix = STATED_MIX): AggregatorRow {
  const found = aggregator.find((r) => r.batchSize === COUNTER_STREAM_BATCH_SIZE && r.mix === mix);
  if (!found) throw new Error(`benchmark: no aggregator row for a full batch of ${mix}`);
  return found;
}

/** Request units per message: a decision, its dispatch, one counted response, and the aggregator's share of both counts, in `mix`. */
function perMessage(units: RequestUnitsReport, aggregator: readonly AggregatorRow[], mix: ChangeMix = STATED_MIX): { mix: ChangeMix; read: number; write: number; aggregatorWrite: number } {
  const find = (prefix: string): UnitsRow => row(prefix, units.rows.find((r) => r.label.startsWith(prefix)));
  const paths = [find('decision, no frequency cap'), find('dispatched message'), find('counted event')];
  const aggregatorWrite = aggregatorRowOf(aggregator, mix).perChange.write * CHANGES_PER_MESSAGE;
  return {
    mix,
    read: paths.reduce((sum, r) => sum + r.service.read, 0),
    write: paths.reduce((sum, r) => sum + r.service.write, 0) + aggregatorWrite,
    aggregatorWrite,
  };
}

/** The outbox's inputs to the dollars at a measured fill. */
function outboxInputsOf(rows: readonly OutboxRow[], fill: number): OutboxInputs {
  const found = rows.find((r) => r.fill === fill);
  if (!found) throw new Error(`benchmark: no outbox row for a fill of ${fill}`);
  return { fill, requestsPerBatch: found.requestsPerBatch, msPerBatch: found.msPerBatch, roundTripMs: SQS_ROUND_TRIP_MS };
}

function render(cpu: CpuReport, units: RequestUnitsReport, aggregator: readonly AggregatorRow[], outbox: readonly OutboxRow[], latency: LatencyReport, bundles: BundlesReport, dollars: ReturnType<typeof estimateDollars>, seconds: number): string {
  const out: string[] = [];
  out.push('1. CPU per decision, in process (pure core; median of runs)', '');
  out.push(
    table(
      ['what', 'µs wall', 'µs CPU'],
      [
        ['decision: assignSegment + eligibility (quiet hours, IANA zone) + decide', fixed(cpu.decisionUs, 2), fixed(cpu.decisionCpuUs, 2)],
        ['  assignSegment (5 rules + default)', fixed(cpu.stepsUs.assignSegment, 2), ''],
        ['  eligibility (4 channels, quiet hours in the customer zone)', fixed(cpu.stepsUs.eligibility, 2), ''],
        ['  decide (seeded sfc32, createSeededRng per decision)', fixed(cpu.stepsUs.decide, 2), ''],
      ],
    ),
  );
  out.push('', `computeAllocation, 4 channels × 6 segments: ${fixed(cpu.allocationMs.integration, 2)} ms (integration, default) · ${fixed(cpu.allocationMs.monteCarlo, 2)} ms (Monte Carlo, 10,000 draws)`);
  out.push(`(${cpu.runs} runs × ${cpu.decisionsPerRun.toLocaleString('en-US')} decisions after a warm-up run)`, '');

  out.push('2. DynamoDB request units (local = DynamoDB Local ConsumedCapacity; service = computed on-demand billing)', '');
  out.push(
    table(
      ['per', 'n', 'RRU local', 'WRU local', 'RRU service', 'WRU service', 'GSI writes', 'calls'],
      units.rows.map((r) => [
        r.label,
        String(r.count),
        fixed(r.local.read, 2),
        fixed(r.local.write, 2),
        fixed(r.service.read, 2),
        fixed(r.service.write, 2),
        fixed(r.indexWrites, 2),
        Object.entries(r.operations)
          .map(([name, n]) => `${fixed(n, 2).replace(/\.00$/, '')}×${name}`)
          .join(' '),
      ]),
    ),
  );
  const byChannel = Object.entries(units.dispatchedByChannel).map(([channel, n]) => `${channel} ${n}`).join(', ');
  out.push('', `Dispatched messages by channel: ${byChannel} (email adds a delivery-watch timer; in-app inbox write not counted: no-op provider).`);
  out.push(`Allocator read ${units.allocatorCounterItems} counter items per run (20 shards; grows with segments × arms × cohort hours).`, '');
  out.push('Counter aggregator (the table stream\'s sends and successes into the counters), per counted change, by batch size:', '');
  out.push(
    table(
      ['mix (half sends, half successes; 3 segments × 3 arms)', 'batch', 'cells', 'transactions', 'WRU local', 'WRU service', 'ms per batch'],
      aggregator.map((r) => [r.mix, String(r.batchSize), fixed(r.cells, 0), fixed(r.transactions, 2), fixed(r.localPerChange.write, 3), fixed(r.perChange.write, 3), fixed(r.msPerBatch, 1)]),
    ),
  );
  out.push('', `Per message (decision + dispatch + one counted response + the aggregator's 2 counted changes, batches of ${COUNTER_STREAM_BATCH_SIZE}), service billing:`);
  for (const mix of CHANGE_MIXES) {
    const message = perMessage(units, aggregator, mix);
    out.push(`    ${mix.padEnd(32)} ${fixed(message.read, 2)} RRU + ${fixed(message.write, 2)} WRU (aggregator ${fixed(message.aggregatorWrite, 2)})${mix === STATED_MIX ? '   <- stated' : ''}`);
  }
  out.push('', 'Dispatch outbox (new queued decisions from the table\'s stream to SQS; no table write, stream reads free), per invocation:', '');
  out.push(
    table(
      ['decisions per invocation (batch fill)', 'SendMessageBatch', 'CPU ms (SQS answering at once)'],
      outbox.map((r) => [`${r.fill}${r.fill === OUTBOX_STATED_FILL ? ' (stated)' : ''}`, fixed(r.requestsPerBatch, 0), fixed(r.msPerBatch, 2)]),
    ),
  );
  out.push('', `The fill follows the traffic: the mapping invokes after at most 1 s or 100 decisions, so a shard taking r decisions a second fills about min(100, r). The billed duration adds one SQS round trip (${SQS_ROUND_TRIP_MS} ms, stated: the requests go at once).`, '');

  out.push('3. Send handler latency through the local platform (HTTP on 127.0.0.1, DynamoDB Local; interleaved with the baseline)', '');
  out.push(
    table(
      ['request', 'n', 'p50 ms', 'p95 ms', 'p50 ÷ baseline p50'],
      [
        ['GET /v1/experiments/{id} (baseline)', String(latency.baseline.n), fixed(latency.baseline.p50, 2), fixed(latency.baseline.p95, 2), '1.00'],
        ['POST …/sends, 1 recipient', String(latency.single.n), fixed(latency.single.p50, 2), fixed(latency.single.p95, 2), fixed(latency.singleOverBaseline, 2)],
        [`POST …/sends, ${latency.batchSize} recipients`, String(latency.batch.n), fixed(latency.batch.p50, 2), fixed(latency.batch.p95, 2), fixed(latency.batch.p50 / latency.baseline.p50, 2)],
        [`  per decision in the batch`, '', fixed(latency.batch.p50 / latency.batchSize, 2), '', fixed(latency.perBatchedDecisionOverBaseline, 2)],
        ['dispatch use case, 1 message (no-op provider, in process)', String(latency.dispatch.n), fixed(latency.dispatch.p50, 2), fixed(latency.dispatch.p95, 2), fixed(latency.dispatch.p50 / latency.baseline.p50, 2)],
      ],
    ),
  );
  out.push('', 'DynamoDB Local (a JVM on this machine) handles only a few hundred writes/s: absolute times are DynamoDB Local’s, not the service’s; read the ratios.', '');

  out.push(`4. Bundles (esbuild as the CDK construct: ESM, minified, node24) and cold-start init (fresh ${bundles.node} process, median of runs)`, '');
  out.push(
    table(
      ['function', 'KiB', 'gzip KiB', 'init ms', '+baseline', 'KiB w/ SDK', 'gzip', 'init ms', '+baseline'],
      bundles.functions.map((f) => [
        f.name,
        fixed(f.sdkExternal.bytes / KIB, 0),
        fixed(f.sdkExternal.gzipBytes / KIB, 0),
        fixed(f.sdkExternal.readyMs, 0),
        fixed(f.sdkExternal.overBaselineMs, 0),
        fixed(f.sdkBundled.bytes / KIB, 0),
        fixed(f.sdkBundled.gzipBytes / KIB, 0),
        fixed(f.sdkBundled.readyMs, 0),
        fixed(f.sdkBundled.overBaselineMs, 0),
      ]),
    ),
  );
  out.push('', `Baseline: node importing an empty module, ${fixed(bundles.baselineReadyMs, 0)} ms from process start. "init ms" is process start to handler ready; SDK external = as deployed (loaded from node_modules here, from the runtime on Lambda).`, '');

  out.push('5. Dollars per million (us-east-1, on-demand; measured units and durations)', '');
  for (const priced of dollars.paths) {
    out.push(`${priced.path}: $${fixed(priced.total, 2)} per million`);
    for (const line of priced.lines) out.push(`    ${line.item.padEnd(28)} $${fixed(line.dollars, 3).padStart(8)}   ${line.basis}`);
  }
  const single = dollars.paths[0];
  if (single) {
    const withoutOutbox = single.lines.filter((line) => !line.item.startsWith('outbox')).reduce((sum, line) => sum + line.dollars, 0);
    out.push(`Single-recipient decision by outbox batch fill (traffic): ${outbox.map((r) => `fill ${r.fill}: $${fixed(withoutOutbox + outboxLines(outboxInputsOf(outbox, r.fill)).reduce((sum, line) => sum + line.dollars, 0), 2)}`).join(' · ')} per million (stated: fill ${OUTBOX_STATED_FILL})`);
  }
  out.push('Not in the totals:');
  for (const line of dollars.apart) out.push(`    ${line.item.padEnd(28)} $${fixed(line.dollars, 2).padStart(8)}   ${line.basis}`);
  out.push('', `${fixed(seconds, 0)} s`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  progress('CPU per decision');
  const cpu = measureCpu();
  progress('bundles and init');
  const bundles = await measureBundles(progress);
  progress('starting DynamoDB Local');
  const dynamo = await startDynamoDbLocal();
  let units: RequestUnitsReport;
  let aggregator: AggregatorRow[];
  let latency: LatencyReport;
  progress('dispatch outbox');
  const outbox = await measureOutbox(progress);
  try {
    units = await measureRequestUnits(dynamo.endpoint, progress);
    aggregator = await measureAggregator(dynamo.endpoint, progress);
    latency = await measureLatency(dynamo.endpoint, progress);
  } finally {
    await dynamo.stop();
  }
  const find = (prefix: string): UnitsRow => row(prefix, units.rows.find((r) => r.label.startsWith(prefix)));
  const dollars = estimateDollars({
    decisionUnits: find('decision, no frequency cap').service,
    cappedDecisionUnits: find('decision, frequency cap').service,
    batchedDecisionUnits: find('decision in a batch').service,
    dispatchUnits: find('dispatched message').service,
    singleSendMs: latency.single.p50,
    batchSendMs: latency.batch.p50,
    batchSize: latency.batchSize,
    dispatchMs: latency.dispatch.p50,
    aggregator: { perChange: aggregatorRowOf(aggregator).perChange, batchSize: COUNTER_STREAM_BATCH_SIZE, msPerBatch: aggregatorRowOf(aggregator).msPerBatch },
    outbox: outboxInputsOf(outbox, OUTBOX_STATED_FILL),
  });
  const seconds = (performance.now() - started) / 1000;
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ cpu, requestUnits: units, aggregator, outbox, perMessage: CHANGE_MIXES.map((mix) => perMessage(units, aggregator, mix)), latency, bundles, dollars, seconds }, null, 2)}\n`);
  } else {
    process.stdout.write(`${render(cpu, units, aggregator, outbox, latency, bundles, dollars, seconds)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
