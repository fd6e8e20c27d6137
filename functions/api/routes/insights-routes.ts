import * as z from 'zod';
import { JourneyStageSchema } from '../../../shared/domain/experiment/journey';
import { TouchpointCellSchema } from '../../../shared/domain/insights/touchpoint-map';
import { getTouchpoints, type TouchpointDependencies } from '../../../shared/use-cases/insights/get-touchpoints';
import { parseQuery } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

/** Query string of `GET /v1/insights/touchpoints` (unknown parameters are refused). */
export const TouchpointQuerySchema = z.strictObject({
  stage: JourneyStageSchema.optional().describe('Only this journey stage'),
  segment: z.string().min(1).max(64).optional().describe('Only this segment name'),
});

/** Response of `GET /v1/insights/touchpoints`. */
export const TouchpointMapSchema = z.object({
  cells: z.array(TouchpointCellSchema),
  experimentsConsidered: z.number().int().min(0),
  truncated: z.boolean().describe('More experiments existed than were read; the newest were kept'),
});

/** Client cache lifetime of the map, in seconds (it moves at the allocators' pace). */
export const TOUCHPOINTS_MAX_AGE_SECONDS = 60;

/** `GET /v1/insights/touchpoints`: the winning channel per journey stage and segment, across experiments. */
export function insightsRoutes(deps: TouchpointDependencies): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/insights/touchpoints',
      doc: {
        summary: 'Touchpoint map: per journey stage × segment, the winning or leading channel across running and completed experiments',
        tag: 'results',
        query: TouchpointQuerySchema,
        response: { status: 200, schema: TouchpointMapSchema, description: 'The map, stages in journey order' },
      },
      handler: async (request) => {
        const query = parseQuery(request, TouchpointQuerySchema);
        const answer = await getTouchpoints(deps, { ...(query.stage ? { stage: query.stage } : {}), ...(query.segment ? { segment: query.segment } : {}) });
        return { statusCode: 200, headers: { 'cache-control': `private, max-age=${TOUCHPOINTS_MAX_AGE_SECONDS}` }, body: answer };
      },
    },
  ];
}
