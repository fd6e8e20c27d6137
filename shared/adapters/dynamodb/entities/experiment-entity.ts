import * as z from 'zod';
import type { Experiment } from '../../../domain/experiment/experiment';
import type { ExperimentDefinition } from '../../../domain/experiment/experiment-definition';
import { type ExperimentStatus, ExperimentStatusSchema } from '../../../domain/experiment/lifecycle';
import type { StoredSummary } from '../../../domain/results/experiment-summary';
import { defineEntity } from './define-entity';
import { opaque, StoredInstant } from './stored-values';

/** GSI1 partition listing every experiment. */
export const EXPERIMENT_LIST_PARTITION = 'EXPERIMENTS';
/** GSI2 partition listing experiments in one state. */
export const experimentStatusPartition = (status: ExperimentStatus) => `${EXPERIMENT_LIST_PARTITION}#${status}`;

/** An experiment item: the experiment, plus the creation fingerprint and the allocator's summary. */
export interface ExperimentItem extends Experiment {
  /** Stage, copied from the definition for the list's filter. */
  readonly stage: string;
  /** Fingerprint of the creating request (idempotent creates). */
  readonly requestFingerprint?: string;
  /** Results summary the allocator writes. */
  readonly summary?: StoredSummary;
}

/** Experiments: one item each, listed by creation (GSI1) and by status (GSI2). */
export const experimentEntity = defineEntity<ExperimentItem, { readonly id: string }>({
  name: 'experiment',
  summary: 'experiment',
  schema: z.object({
    id: z.string(),
    definition: opaque<ExperimentDefinition>('definition'),
    status: ExperimentStatusSchema,
    version: z.number().int().min(1),
    createdAt: StoredInstant,
    updatedAt: StoredInstant,
    startedAt: StoredInstant.optional(),
    completedAt: StoredInstant.optional(),
    stage: z.string(),
    requestFingerprint: z.string().optional(),
    summary: opaque<StoredSummary>('summary').optional(),
  }),
  key: ({ id }) => ({ pk: `EXP#${id}`, sk: 'META' }),
  indexes: (experiment) => ({
    gsi1pk: EXPERIMENT_LIST_PARTITION,
    gsi1sk: `${experiment.createdAt}#${experiment.id}`,
    gsi2pk: experimentStatusPartition(experiment.status),
    gsi2sk: `${experiment.createdAt}#${experiment.id}`,
  }),
  layout: { pk: '`EXP#<id>`', sk: '`META`', gsi1: '`EXPERIMENTS` / `<created>#<id>`', gsi2: '`EXPERIMENTS#<status>` / `<created>#<id>`' },
});
