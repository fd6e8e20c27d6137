import { TouchpointMapSchema, TouchpointQuerySchema } from '../../../shared/contracts/results';
import { getTouchpoints, type TouchpointDependencies } from '../../../shared/use-cases/insights/get-touchpoints';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

export { TouchpointMapSchema, TouchpointQuerySchema } from '../../../shared/contracts/results';

/** Client cache lifetime of the map, in seconds (it moves at the allocators' pace). */
export const TOUCHPOINTS_MAX_AGE_SECONDS = 60;

/** `GET /v1/insights/touchpoints`: the winning channel per journey stage and segment, across experiments. */
export function insightsRoutes(deps: TouchpointDependencies): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/insights/touchpoints',
      query: TouchpointQuerySchema,
      response: { status: 200, schema: TouchpointMapSchema, description: 'The map, stages in journey order' },
      doc: { summary: 'Touchpoint map: per journey stage × segment, the winning or leading channel across running and completed experiments', tag: 'results' },
      handler: async (_request, { query }) => {
        const answer = await getTouchpoints(deps, { ...(query.stage ? { stage: query.stage } : {}), ...(query.segment ? { segment: query.segment } : {}) });
        return { statusCode: 200, headers: { 'cache-control': `private, max-age=${TOUCHPOINTS_MAX_AGE_SECONDS}` }, body: answer };
      },
    }),
  ];
}
