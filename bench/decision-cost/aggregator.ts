/**
 * Measurement 2b: what the counter aggregator writes per counted change (a send or a success read
 * from the table's stream), by batch size, against DynamoDB Local with the same instrument as
 * measurement 2. A batch is one transaction per 99 counter cells: its shard's checkpoint (2 WRU)
 * and one `ADD` per cell it touches (2 WRU each), whatever the number of changes; so the cost per
 * change is (2 + 2 × cells) / changes per transaction, and depends on how many cells a batch spans.
 */
import { performance } from 'node:perf_hooks';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createDocumentClient, createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoCounterLedger } from '../../shared/adapters/dynamodb/stream-counter-ledger';
import { cohortOf, COHORT_MS } from '../../shared/domain/statistics/cohort-counters';
import { GOAL_COUNTED_BY, GOAL_DELAY_MS, SEND_COUNTED_BY, STREAM_COUNTED, type StreamChange } from '../../shared/domain/statistics/stream-counts';
import { countStreamChanges } from '../../shared/use-cases/counters/count-stream-changes';
import { COUNTER_STREAM_BATCH_SIZE } from '../../infra/constants';
import { CapacityMeter, instrument, type Units } from './capacity';

/** Table of this measurement in DynamoDB Local. */
const TABLE_NAME = 'bench-decision-cost-aggregator';
/** Batch sizes measured (the stack's mapping takes up to {@link COUNTER_STREAM_BATCH_SIZE}). */
export const AGGREGATOR_BATCH_SIZES = [1, 10, 100, COUNTER_STREAM_BATCH_SIZE] as const;
/** Segments × arms of the measured experiment (as measurement 2's: 3 segments, 3 channels). */
const SEGMENTS = ['s0', 's1', 's2'] as const;
const ARMS = ['email', 'sms', 'push'] as const;
/** The attribution window of the measured mixes: successes come from sends of the last 24 hours. */
export const SPREAD_COHORT_HOURS = 24;
/** Mean response delay of the realistic mix, hours (exponential, cut at the window). */
export const MEAN_DELAY_HOURS = 3;
/** Seed of the realistic mix's delays (the figures are reproducible). */
const DELAY_SEED = 20_261_130;

/**
 * How a batch's successes fall into cohort hours (every mix: half sends, in the current hour, half
 * successes, over 3 segments × 3 arms):
 * - `same hour`: every success answers a send of the current hour (9 cells per batch);
 * - `delays exponential, mean 3 h`: each success answers a send `d` hours ago, `d` drawn from an
 *   exponential distribution of mean {@link MEAN_DELAY_HOURS} cut at 24 h;
 * - `uniform over 24 h`: `d` uniform over the 24 hours of the window, the most cells a batch can
 *   touch (216).
 * Segments and arms are drawn uniformly; every draw is seeded.
 */
export const CHANGE_MIXES = ['same hour', `delays exponential, mean ${MEAN_DELAY_HOURS} h`, 'uniform over 24 h'] as const;
/** See {@link CHANGE_MIXES}. */
export type ChangeMix = (typeof CHANGE_MIXES)[number];

/** A seeded uniform draw in [0, 1) (mulberry32): the benchmark's mixes are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Hours between a success and the send it answers, per mix. */
function hoursBackOf(mix: ChangeMix, index: number, random: () => number): number {
  if (mix === 'same hour') return 0;
  if (mix === 'uniform over 24 h') return Math.floor(random() * SPREAD_COHORT_HOURS);
  return Math.min(SPREAD_COHORT_HOURS - 1, Math.floor(-Math.log(1 - random()) * MEAN_DELAY_HOURS));
}

/** What the aggregator wrote for one batch size and mix. */
export interface AggregatorRow {
  readonly mix: ChangeMix;
  /** Changes per batch (half sends, half successes). */
  readonly batchSize: number;
  /** Counter cells one batch touched. */
  readonly cells: number;
  /** Transactions per batch. */
  readonly transactions: number;
  /** Request units per change (service billing, computed). */
  readonly perChange: Units;
  /** DynamoDB Local's figure per change. */
  readonly localPerChange: Units;
  /** Wall time of the use case per batch, ms (DynamoDB Local round trips included). */
  readonly msPerBatch: number;
}

/**
 * `size` changes of one stream shard, in order: every even one a send (in the current cohort
 * hour), every odd one a success of a decision sent some hours ago (see {@link CHANGE_MIXES}),
 * over 3 segments × 3 arms.
 */
function syntheticChanges(size: number, mix: ChangeMix, firstSequence: number, now: number, random: () => number): StreamChange[] {
  return Array.from({ length: size }, (_, index) => {
    const segment = SEGMENTS[Math.floor(random() * SEGMENTS.length)]!;
    const channel = ARMS[Math.floor(random() * ARMS.length)]!;
    const hoursBack = index % 2 === 0 ? 0 : hoursBackOf(mix, index, random);
    const sentAt = new Date(Date.parse(cohortOf(new Date(now))) - hoursBack * COHORT_MS + 60_000).toISOString();
    const base = { entity: 'assignment', experimentId: 'bench-aggregator', segment, step: 0, channel, propensity: 1 / 3, decidedAt: sentAt };
    const sent = { ...base, status: 'sent', sentAt, [SEND_COUNTED_BY]: STREAM_COUNTED };
    const sequenceNumber = String(firstSequence + index);
    return index % 2 === 0
      ? { sequenceNumber, oldImage: { ...base, status: 'sending' }, newImage: sent }
      : { sequenceNumber, oldImage: sent, newImage: { ...sent, goalAt: new Date(now).toISOString(), [GOAL_COUNTED_BY]: STREAM_COUNTED, [GOAL_DELAY_MS]: 600_000 } };
  });
}

/**
 * Runs measurement 2b against the DynamoDB Local at `endpoint`.
 *
 * @param endpoint - DynamoDB Local's endpoint.
 * @param progress - reports progress (stderr).
 * @returns one row per mix and batch size.
 */
export async function measureAggregator(endpoint: string, progress: (message: string) => void): Promise<AggregatorRow[]> {
  const admin = createDynamoClient({ endpoint });
  await createTable(admin, TABLE_NAME);
  const side = createDocumentClient(admin);
  const documents = createDocumentClient(createDynamoClient({ endpoint }));
  const meter = new CapacityMeter();
  instrument(documents, side, meter);
  const ledger = new DynamoCounterLedger(documents, TABLE_NAME, () => Date.now());
  const rows: AggregatorRow[] = [];
  const now = Date.now();
  for (const mix of CHANGE_MIXES) {
    const random = seededRandom(DELAY_SEED);
    for (const batchSize of AGGREGATOR_BATCH_SIZES) {
      // A fresh stream shard per row, and enough batches for a stable mean (at least 1,000 changes).
      const batches = Math.max(1, Math.ceil(COUNTER_STREAM_BATCH_SIZE / batchSize));
      const shardId = `bench-${mix.replace(/\W+/g, '-')}-${batchSize}`;
      meter.reset();
      let writes = 0;
      let cells = 0;
      const started = performance.now();
      for (let batch = 0; batch < batches; batch += 1) {
        const changes = syntheticChanges(batchSize, mix, 1_000_000 + batch * batchSize, now, random);
        cells += new Set(changes.map((change) => {
          const image = change.newImage!;
          return `${String(image.segment)}#${String(image.channel)}#${cohortOf(String(image.sentAt))}`;
        })).size;
        const report = await countStreamChanges({ ledger }, { shardId, changes });
        if (report.stoppedAt) throw new Error(`benchmark: the aggregator stopped at ${report.stoppedAt.sequenceNumber}`);
        writes += report.writes;
      }
      const elapsed = performance.now() - started;
      const totals = meter.totals();
      const changes = batches * batchSize;
      rows.push({
        mix,
        batchSize,
        cells: cells / batches,
        transactions: writes / batches,
        perChange: { read: totals.expected.read / changes, write: totals.expected.write / changes },
        localPerChange: { read: totals.local.read / changes, write: totals.local.write / changes },
        msPerBatch: elapsed / batches,
      });
      progress(`counter aggregator: ${mix}, batches of ${batchSize}`);
    }
  }
  admin.destroy();
  documents.destroy();
  return rows;
}
