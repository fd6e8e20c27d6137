import * as z from 'zod';
import { EstimateSegmentsSchema } from '../use-cases/customers/estimate-segments';
import { named } from './schema-registry';

/** Body of `POST /v1/segments/estimate`. */
export const EstimateSegmentsBodySchema = named(EstimateSegmentsSchema, 'EstimateSegments');

/** Answer of `POST /v1/segments/estimate`. */
export const SegmentEstimateResponseSchema = named(
  z.object({
    customersConsidered: z.number().int().min(0).describe('Customers read (a sample of at most 5,000)'),
    truncated: z.boolean().describe('More customers exist than were read'),
    segments: z.array(z.object({ segment: z.string(), customers: z.number().int().min(0) })).describe('Per segment in evaluation order, default last'),
  }),
  'SegmentEstimate',
);
/** Answer of `POST /v1/segments/estimate`. */
export type SegmentEstimateResponse = z.output<typeof SegmentEstimateResponseSchema>;
