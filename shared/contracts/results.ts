import * as z from 'zod';
import { ExperimentResultsSchema } from '../domain/results/results-schema';
import { JourneyStageSchema } from '../domain/experiment/journey';
import { TouchpointCellSchema } from '../domain/insights/touchpoint-map';
import { named } from './schema-registry';

/** Answer of `GET /v1/experiments/{id}/results`. */
export const ResultsResponseSchema = named(ExperimentResultsSchema, 'ExperimentResults');
/** Results of an experiment. */
export type ResultsResponse = z.output<typeof ResultsResponseSchema>;

/** Query string of `GET /v1/experiments/{id}/results` (unknown parameters are refused). */
export const ResultsQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json').describe('csv: one row per segment × arm (RFC 4180), for spreadsheets'),
  since: z.iso.datetime({ offset: true, message: 'since must be an ISO 8601 instant, e.g. 2026-01-31T00:00:00Z' }).optional().describe('Only history points at or after this instant'),
});

/** Query string of `GET /v1/insights/touchpoints` (unknown parameters are refused). */
export const TouchpointQuerySchema = z.strictObject({
  stage: JourneyStageSchema.optional().describe('Only this journey stage'),
  segment: z.string().min(1).max(64).optional().describe('Only this segment name'),
});

/** Answer of `GET /v1/insights/touchpoints`. */
export const TouchpointMapSchema = named(
  z.object({
    cells: z.array(TouchpointCellSchema),
    experimentsConsidered: z.number().int().min(0),
    truncated: z.boolean().describe('More experiments existed than were read; the newest were kept'),
  }),
  'TouchpointMap',
);
/** The touchpoint map. */
export type TouchpointMapResponse = z.output<typeof TouchpointMapSchema>;

/** Answer of `POST /v1/experiments/{id}/reallocate`: the new allocation (version, seed, weights per segment). */
export const AllocationResponseSchema = z.object({ experimentId: z.string(), version: z.number().int() }).loose();
