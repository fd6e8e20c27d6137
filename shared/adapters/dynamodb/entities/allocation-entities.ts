import * as z from 'zod';
import type { AllocationRecord, HistoryPoint, ResultsSnapshot } from '../../../domain/statistics/allocation-record';
import { defineEntity } from './define-entity';
import { opaque, StoredInstant, withAttributes } from './stored-values';

/** Partition of an experiment's items. */
const experimentPartition = (experimentId: string) => `EXP#${experimentId}`;
/** Digits of a zero-padded allocation version (sorts as a number). */
const VERSION_DIGITS = 10;

const AllocationRecordSchema = z.object({
  experimentId: z.string(),
  version: z.number().int().min(1),
  computedAt: StoredInstant,
  seed: z.number(),
  policy: z.string(),
  segments: opaque<AllocationRecord['segments']>('segments'),
});

/** The current allocation: what the send path reads (written on a condition on the previous version). */
export const currentAllocationEntity = defineEntity<AllocationRecord, { readonly experimentId: string }>({
  name: 'allocation',
  summary: 'current allocation',
  schema: AllocationRecordSchema,
  key: ({ experimentId }) => ({ pk: experimentPartition(experimentId), sk: 'ALLOC#CURRENT' }),
  layout: { pk: '`EXP#<id>`', sk: '`ALLOC#CURRENT`' },
});

/** Every allocation version (audit: weights and seed). */
export const allocationVersionEntity = defineEntity<AllocationRecord, { readonly experimentId: string; readonly version: number }>({
  name: 'allocation_version',
  summary: 'allocation version',
  schema: AllocationRecordSchema,
  key: ({ experimentId, version }) => ({ pk: experimentPartition(experimentId), sk: `ALLOC#${String(version).padStart(VERSION_DIGITS, '0')}` }),
  layout: { pk: '`EXP#<id>`', sk: '`ALLOC#<version>`' },
});

/** The history points of one allocator run. */
export interface HistoryItem {
  /** One point per segment. */
  readonly points: readonly HistoryPoint[];
}

/** Prefix of history sort keys. */
export const HISTORY_PREFIX = 'HIST#';

/** History: the weights of every segment at one allocator run. */
export const historyEntity = defineEntity<HistoryItem, { readonly experimentId: string; readonly at: string }>({
  name: 'history',
  summary: 'history (one per run)',
  schema: z.object({ points: z.array(opaque<HistoryPoint>('history point')) }),
  key: ({ experimentId, at }) => ({ pk: experimentPartition(experimentId), sk: `${HISTORY_PREFIX}${at}` }),
  layout: { pk: '`EXP#<id>`', sk: '`HIST#<at>`' },
});

/** The results snapshot the results API serves with one read. */
export const resultsSnapshotEntity = defineEntity<ResultsSnapshot, { readonly experimentId: string }>({
  name: 'results',
  summary: 'results snapshot',
  schema: withAttributes<ResultsSnapshot>('results snapshot', ['experimentId', 'allocationVersion', 'computedAt', 'segments']),
  key: ({ experimentId }) => ({ pk: experimentPartition(experimentId), sk: 'RESULTS' }),
  layout: { pk: '`EXP#<id>`', sk: '`RESULTS`' },
});
