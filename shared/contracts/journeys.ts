import * as z from 'zod';
import { JourneyStageSchema } from '../domain/experiment/journey';
import { JourneyCapSchema, JourneyDefinitionSchema, JourneyStageEntrySchema } from '../domain/journeys/journey-definition';
import { TriggerCountsSchema } from '../domain/triggers/pending-send';
import { named } from './schema-registry';

/** Default page size of `GET /v1/journeys`. */
export const DEFAULT_JOURNEY_PAGE_SIZE = 25;
/** Largest page size of `GET /v1/journeys`. */
export const MAX_JOURNEY_PAGE_SIZE = 100;

/** A journey's per-customer cap: at most `messages` of its messages in any `perDays` days. */
export const JourneyCapContractSchema = named(JourneyCapSchema, 'JourneyCap');
/** One stage of a journey and its experiments. */
export const JourneyStageContractSchema = named(JourneyStageEntrySchema, 'JourneyStage');

/** Body of `POST /v1/journeys` and `PUT /v1/journeys/{id}`. */
export const JourneyDefinitionBodySchema = named(JourneyDefinitionSchema, 'JourneyDefinition');
/** What a client sends to define a journey. */
export type JourneyDefinitionBody = z.input<typeof JourneyDefinitionBodySchema>;

/** A journey as the API returns it. */
export const JourneyResponseSchema = named(
  z.object({
    id: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    name: z.string(),
    description: z.string().optional(),
    stages: z.array(JourneyStageContractSchema),
    cap: JourneyCapContractSchema.optional(),
  }),
  'Journey',
);
/** A journey as the API returns it. */
export type JourneyResponse = z.output<typeof JourneyResponseSchema>;

/** Query string of `GET /v1/journeys`. */
export const JourneyListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_JOURNEY_PAGE_SIZE, `limit must be ≤ ${MAX_JOURNEY_PAGE_SIZE}`).default(DEFAULT_JOURNEY_PAGE_SIZE),
  cursor: z.string().max(2048).optional(),
});
/** Query string of `GET /v1/journeys`. */
export type JourneyListQuery = z.input<typeof JourneyListQuerySchema>;

/** A page of journeys, newest first. */
export const JourneyPageResponseSchema = named(z.object({ items: z.array(JourneyResponseSchema), nextCursor: z.string().optional() }), 'JourneyPage');
/** A page of journeys. */
export type JourneyPageResponse = z.output<typeof JourneyPageResponseSchema>;

/** Live counts of a journey's triggered sends (one experiment, one stage, or the whole journey): jengine's trigger counts, added up. */
export const JourneyCountsSchema = named(TriggerCountsSchema.extend({}), 'JourneyCounts');
/** Live counts of triggered sends. */
export type JourneyCounts = z.output<typeof JourneyCountsSchema>;

/** Answer of `GET /v1/journeys/{id}/counts`: live counts per stage and experiment, and the journey's totals. */
export const JourneyCountsResponseSchema = named(
  z.object({
    journeyId: z.string(),
    at: z.string().describe('When the counts were read'),
    stages: z.array(
      z.object({
        stage: JourneyStageSchema,
        experiments: z.array(z.object({ experimentId: z.string(), counts: JourneyCountsSchema })),
        counts: JourneyCountsSchema.describe('The stage\'s experiments added up'),
      }),
    ),
    counts: JourneyCountsSchema.describe('The whole journey added up'),
  }),
  'JourneyCountsReport',
);
/** Live counts of a journey. */
export type JourneyCountsResponse = z.output<typeof JourneyCountsResponseSchema>;
