import * as z from 'zod';
import { EstimateSegmentsSchema, estimateSegments, type EstimateDependencies } from '../../../shared/use-cases/customers/estimate-segments';
import { jsonBody } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

/** Response of `POST /v1/segments/estimate`. */
export const SegmentEstimateResponseSchema = z.object({
  customersConsidered: z.number().int().min(0).describe('Customers read (a sample of at most 5,000)'),
  truncated: z.boolean().describe('More customers exist than were read'),
  segments: z.array(z.object({ segment: z.string(), customers: z.number().int().min(0) })).describe('Per segment in evaluation order, default last'),
});

/**
 * `POST /v1/segments/estimate`: how many known customers each segment of a draft would get (the
 * editor's estimate). Reads only; needs the `read` scope.
 */
export function segmentRoutes(deps: EstimateDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/segments/estimate',
      scope: 'read',
      doc: { summary: 'Estimate how many known customers fall in each segment (first match wins, default last)', tag: 'customers', body: EstimateSegmentsSchema, response: { status: 200, schema: SegmentEstimateResponseSchema, description: 'Counts per segment' } },
      handler: async (request) => ({ statusCode: 200, headers: { 'cache-control': 'no-store' }, body: await estimateSegments(deps, jsonBody(request)) }),
    },
  ];
}
