import { AllocationResponseSchema } from '../../../shared/contracts/results';
import { type AllocatorDependencies, reallocateNow } from '../../../shared/use-cases/allocation/run-allocation';
import type { Route } from '../../../shared/runtime/http/router';

/** `POST /v1/experiments/{id}/reallocate`: runs the allocator now for one experiment (operators, tests). */
export function reallocateRoutes(deps: AllocatorDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/experiments/{id}/reallocate',
      response: { status: 200, schema: AllocationResponseSchema, description: 'The new allocation (version, seed, weights per segment)' },
      doc: { summary: 'Run the allocator now for one experiment', tag: 'experiments' },
      handler: async (request) => ({ statusCode: 200, body: await reallocateNow(deps, request.params.id ?? '') }),
    },
  ];
}
