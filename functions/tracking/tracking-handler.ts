import { createHttpHandler } from '../../shared/runtime/http/api-gateway-adapter';
import { createLogger, type Observability } from '../../shared/runtime/observability';
import { createRouter } from '../../shared/runtime/http/router';
import type { TrackingDependencies } from '../../shared/use-cases/tracking/tracking-service';
import { trackingRoutes } from './tracking-routes';

/** The tracking Lambda handler over the given dependencies (the Lambda entry and the local platform use it). */
export function createTrackingHandler(deps: TrackingDependencies, observability: Pick<Observability, 'logger'> = createLogger()) {
  return createHttpHandler(createRouter(trackingRoutes(deps)), observability);
}
