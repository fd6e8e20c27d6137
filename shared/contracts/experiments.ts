import * as z from 'zod';
import { ExperimentDefinitionSchema } from '../domain/experiment/experiment-definition';
import { JourneyStageSchema } from '../domain/experiment/journey';
import { ExperimentStatusSchema } from '../domain/experiment/lifecycle';
import { ExperimentSummarySchema } from '../domain/results/experiment-summary';
import { SegmentRuleSchema } from '../domain/segments/segment-rule';
import { named } from './schema-registry';

/** Default page size of `GET /v1/experiments`. */
export const DEFAULT_PAGE_SIZE = 25;
/** Largest page size of `GET /v1/experiments`. */
export const MAX_PAGE_SIZE = 100;

/** A segment rule (recursive: `all`, `any`, `not` nest rules). */
export const SegmentRuleContractSchema = named(SegmentRuleSchema, 'SegmentRule');

/** Body of `POST /v1/experiments` and `PUT /v1/experiments/{id}`. */
export const ExperimentDefinitionBodySchema = named(ExperimentDefinitionSchema, 'ExperimentDefinition');
/** What a client sends to define an experiment. */
export type ExperimentDefinitionBody = z.input<typeof ExperimentDefinitionBodySchema>;

/** Query string of `GET /v1/experiments`. */
export const ListQuerySchema = z.strictObject({
  status: ExperimentStatusSchema.optional(),
  stage: JourneyStageSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, `limit must be ≤ ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(2048).optional(),
});
/** Query string of `GET /v1/experiments`. */
export type ListQuery = z.input<typeof ListQuerySchema>;

/** An experiment as the API returns it. */
export const ExperimentResponseSchema = named(
  z.object({
    id: z.string(),
    status: ExperimentStatusSchema,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
    definition: ExperimentDefinitionSchema,
  }),
  'Experiment',
);
/** An experiment as the API returns it. */
export type ExperimentResponse = z.output<typeof ExperimentResponseSchema>;

/** A page of experiments as the API returns it, each with its one-line results summary. */
export const ExperimentPageResponseSchema = named(
  z.object({
    items: z.array(ExperimentResponseSchema.extend({ summary: ExperimentSummarySchema.optional() })),
    nextCursor: z.string().optional(),
  }),
  'ExperimentPage',
);
/** A page of experiments. */
export type ExperimentPageResponse = z.output<typeof ExperimentPageResponseSchema>;
