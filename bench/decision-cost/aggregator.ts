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
/** Hours of sending whose successes arrive in one batch, in the spread mix (a 24 h attribution window). */
export const SPREAD_COHORT_HOURS = 24;

/** How a batch's changes fall into counter cells. */
export type ChangeMix = 'same hour' | 'spread over 24 cohort hours';

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
 * hour), every odd one a success of a decision sent `hoursBack` hours ago (0 for the same-hour mix,
 * cycling through {@link SPREAD_COHORT_HOURS} for the spread one), over 3 segments × 3 arms.
 */
function syntheticChanges(size: number, mix: ChangeMix, firstSequence: number, now: number): StreamChange[] {
  return Array.from({ length: size }, (_, index) => {
    const segment = SEGMENTS[index % SEGMENTS.length]!;
    const channel = ARMS[Math.floor(index / SEGMENTS.length) % ARMS.length]!;
    const hoursBack = mix === 'same hour' ? 0 : Math.floor(index / 2) % SPREAD_COHORT_HOURS;
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
  for (const mix of ['same hour', 'spread over 24 cohort hours'] as const) {
    for (const batchSize of AGGREGATOR_BATCH_SIZES) {
      // A fresh stream shard per row, and enough batches for a stable mean (at least 1,000 changes).
      const batches = Math.max(1, Math.ceil(COUNTER_STREAM_BATCH_SIZE / batchSize));
      const shardId = `bench-${mix.replace(/\W+/g, '-')}-${batchSize}`;
      meter.reset();
      let writes = 0;
      let cells = 0;
      const started = performance.now();
      for (let batch = 0; batch < batches; batch += 1) {
        const changes = syntheticChanges(batchSize, mix, 1_000_000 + batch * batchSize, now);
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
