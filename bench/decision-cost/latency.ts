/**
 * Measurement 3: latency of `POST /v1/experiments/{id}/sends` through the local platform (the
 * same handler as the API Lambda, over HTTP on 127.0.0.1, against DynamoDB Local), interleaved
 * with a baseline request (`GET /v1/experiments/{id}`) so that their ratio means something on a
 * shared, noisy machine. Also times the dispatch use case per message (no-op provider), which
 * the dollar estimate uses as the dispatcher's duration.
 */
import { randomBytes } from 'node:crypto';
import { startLocalPlatform } from '../../local/platform';
import { dispatchAssignment } from '../../shared/use-cases/dispatch/dispatch-assignment';
import { assignmentIdFor } from '../../shared/use-cases/sends/send-message';
import { benchExperiment, benchRecipient, middayTimeZone } from './fixtures';
import { type LatencySummary, summarize } from './stats';

/** Interleaved rounds: one baseline GET and one single-recipient send each. */
export const LATENCY_ROUNDS = 120;
/** A batch send every this many rounds. */
export const BATCH_EVERY_ROUNDS = 10;
/** Recipients per batch request. */
export const LATENCY_BATCH_SIZE = 100;
/** Untimed rounds first (JIT, caches, connections). */
const WARM_UP_ROUNDS = 10;
/** Dispatches timed (sequential). */
export const DISPATCH_SAMPLES = 60;
/** Table of this measurement in DynamoDB Local. */
const TABLE_NAME = 'bench-decision-cost-latency';

/** What measurement 3 reports (milliseconds). */
export interface LatencyReport {
  /** `GET /v1/experiments/{id}` (one cached read; the baseline). */
  readonly baseline: LatencySummary;
  /** `POST …/sends` with one recipient. */
  readonly single: LatencySummary;
  /** `POST …/sends` with {@link LATENCY_BATCH_SIZE} recipients. */
  readonly batch: LatencySummary;
  /** Recipients per batch. */
  readonly batchSize: number;
  /** p50 single send ÷ p50 baseline, measured side by side. */
  readonly singleOverBaseline: number;
  /** p50 batch ÷ batch size ÷ p50 baseline: one decision inside a batch, against the baseline. */
  readonly perBatchedDecisionOverBaseline: number;
  /** The dispatch use case per message with a no-op provider (in process, no HTTP). */
  readonly dispatch: LatencySummary;
}

async function timed(url: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`benchmark: ${init.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return elapsed;
}

function post(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Runs measurement 3 on a local platform over the DynamoDB Local at `dynamoEndpoint`.
 *
 * @param dynamoEndpoint - DynamoDB Local's endpoint.
 * @param progress - reports progress (stderr).
 * @returns latency percentiles and ratios.
 */
export async function measureLatency(dynamoEndpoint: string, progress: (message: string) => void): Promise<LatencyReport> {
  const platform = await startLocalPlatform({ port: 0, scheduleEveryMs: 0, dynamoEndpoint, tableName: TABLE_NAME });
  // Nothing is dispatched in the background while sends are timed (SQS stand-in without consumer).
  platform.queue.consume(async () => undefined);
  try {
    const createdResponse = await fetch(`${platform.url}/v1/experiments`, post(benchExperiment(false)));
    const created = (await createdResponse.json()) as { id?: string };
    if (!createdResponse.ok || !created.id) throw new Error(`benchmark: experiment not created: ${JSON.stringify(created)}`);
    await timed(`${platform.url}/v1/experiments/${created.id}/start`, { method: 'POST' });
    const experimentUrl = `${platform.url}/v1/experiments/${created.id}`;
    const sendsUrl = `${experimentUrl}/sends`;
    const timezone = middayTimeZone(new Date());
    const baseline: number[] = [];
    const single: number[] = [];
    const batch: number[] = [];
    const singleCustomers: string[] = [];
    for (let round = -WARM_UP_ROUNDS; round < LATENCY_ROUNDS; round += 1) {
      const customer = `latency-${round + WARM_UP_ROUNDS}`;
      const get = await timed(experimentUrl, { method: 'GET' });
      const send = await timed(sendsUrl, post(benchRecipient(customer, round + WARM_UP_ROUNDS, timezone)));
      if (round < 0) continue;
      baseline.push(get);
      single.push(send);
      singleCustomers.push(customer);
      if (round % BATCH_EVERY_ROUNDS === 0) {
        const recipients = Array.from({ length: LATENCY_BATCH_SIZE }, (_, i) => benchRecipient(`latency-batch-${round}-${i}`, i, timezone));
        batch.push(await timed(sendsUrl, post({ recipients })));
      }
    }
    progress('latency: sends timed');

    const deps = { ...platform.deps, sendMessage: async () => ({ providerMessageId: `bench-${randomBytes(8).toString('hex')}` }) };
    const dispatch: number[] = [];
    for (const customer of singleCustomers.slice(0, DISPATCH_SAMPLES)) {
      const id = assignmentIdFor(platform.deps.ids, created.id, customer, 0);
      const started = performance.now();
      const outcome = await dispatchAssignment(deps, id);
      dispatch.push(performance.now() - started);
      if (outcome !== 'sent') throw new Error(`benchmark: dispatch of ${id} ended ${outcome}`);
    }
    progress('latency: dispatches timed');

    const summaries = { baseline: summarize(baseline), single: summarize(single), batch: summarize(batch) };
    return {
      ...summaries,
      batchSize: LATENCY_BATCH_SIZE,
      singleOverBaseline: summaries.single.p50 / summaries.baseline.p50,
      perBatchedDecisionOverBaseline: summaries.batch.p50 / LATENCY_BATCH_SIZE / summaries.baseline.p50,
      dispatch: summarize(dispatch),
    };
  } finally {
    await platform.stop();
  }
}
