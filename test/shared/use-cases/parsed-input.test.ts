import { describe, expectTypeOf, it } from 'vitest';
import type { CreateApiKeyInput } from '../../../shared/domain/auth/api-key';
import type { CustomerInput, OptOutInput } from '../../../shared/domain/customer/customer';
import type { ExperimentDefinition } from '../../../shared/domain/experiment/experiment-definition';
import type { JourneyDefinition } from '../../../shared/domain/journeys/journey-definition';
import { createApiKey } from '../../../shared/use-cases/auth/api-keys';
import { optOutCustomer, putCustomer } from '../../../shared/use-cases/customers/customer-service';
import { type EstimateSegmentsInput, estimateSegments } from '../../../shared/use-cases/customers/estimate-segments';
import { createExperiment, updateExperiment } from '../../../shared/use-cases/experiments/experiment-service';
import { createJourney, updateJourney } from '../../../shared/use-cases/journeys/journey-service';

// Issue 11: the router parsed each body, then the use case parsed the raw JSON again. A use case now
// takes what its caller parsed (the router for HTTP; scripts and tests parse at their own edge).
describe('use cases take parsed input, never the raw JSON again', () => {
  it.each([
    ['createExperiment', () => expectTypeOf(createExperiment).parameter(1).toEqualTypeOf<ExperimentDefinition>()],
    ['updateExperiment', () => expectTypeOf(updateExperiment).parameter(2).toEqualTypeOf<ExperimentDefinition>()],
    ['putCustomer', () => expectTypeOf(putCustomer).parameter(2).toEqualTypeOf<CustomerInput>()],
    ['optOutCustomer', () => expectTypeOf(optOutCustomer).parameter(2).toEqualTypeOf<OptOutInput>()],
    ['estimateSegments', () => expectTypeOf(estimateSegments).parameter(1).toEqualTypeOf<EstimateSegmentsInput>()],
    ['createApiKey', () => expectTypeOf(createApiKey).parameter(1).toEqualTypeOf<CreateApiKeyInput>()],
    ['createJourney', () => expectTypeOf(createJourney).parameter(1).toEqualTypeOf<JourneyDefinition>()],
    ['updateJourney', () => expectTypeOf(updateJourney).parameter(2).toEqualTypeOf<JourneyDefinition>()],
  ])('%s (checked by the type checker)', (_, check) => {
    check();
  });
});
