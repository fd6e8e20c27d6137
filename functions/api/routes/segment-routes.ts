import { EstimateSegmentsBodySchema, SegmentEstimateResponseSchema } from '../../../shared/contracts/segments';
import { estimateSegments, type EstimateDependencies } from '../../../shared/use-cases/customers/estimate-segments';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

export { SegmentEstimateResponseSchema } from '../../../shared/contracts/segments';

/**
 * `POST /v1/segments/estimate`: how many known customers each segment of a draft would get (the
 * editor's estimate). Reads only; needs the `read` scope.
 */
export function segmentRoutes(deps: EstimateDependencies): Route[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/segments/estimate',
      scope: 'read',
      body: { schema: EstimateSegmentsBodySchema, what: 'segments' },
      response: { status: 200, schema: SegmentEstimateResponseSchema, description: 'Counts per segment' },
      doc: { summary: 'Estimate how many known customers fall in each segment (first match wins, default last)', tag: 'customers' },
      handler: async (_request, { body }) => ({ statusCode: 200, headers: { 'cache-control': 'no-store' }, body: await estimateSegments(deps, body) }),
    }),
  ];
}
