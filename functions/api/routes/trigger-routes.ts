import { PendingSendsQuerySchema, PendingSendsResponseSchema, TriggerCountsResponseSchema } from '../../../shared/contracts/triggers';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';
import { listPendingSends, type PendingSendQueryDependencies, triggerCounts } from '../../../shared/use-cases/triggers/pending-send-queries';

/** The triggered-send routes: a customer's pending sends, an experiment's trigger counts. */
export function triggerRoutes(deps: PendingSendQueryDependencies): Route[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/customers/{id}/pending-sends',
      query: PendingSendsQuerySchema,
      response: { status: 200, schema: PendingSendsResponseSchema, description: "The customer's triggered sends, newest due first" },
      doc: { summary: "A customer's triggered sends: waiting (with when they are due), sent (with the decision), suppressed, exited (with why)", tag: 'customers' },
      handler: async (request, { query }) => ({ statusCode: 200, body: { items: await listPendingSends(deps, request.params.id ?? '', query) } }),
    }),
    {
      method: 'GET',
      path: '/v1/experiments/{id}/trigger-counts',
      response: { status: 200, schema: TriggerCountsResponseSchema, description: 'Triggered, waiting, sent, suppressed, exited by reason' },
      doc: { summary: "An experiment's triggered sends: how many were triggered, wait, were sent, suppressed, or exited (by reason)", tag: 'experiments' },
      handler: async (request) => ({ statusCode: 200, body: await triggerCounts(deps, request.params.id ?? '') }),
    },
  ];
}
