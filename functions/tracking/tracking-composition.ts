import { acceptedKeys } from '../../shared/domain/tracking/key-ring';
import { verifyTrackingToken } from '../../shared/domain/tracking/tracking-token';
import type { KeyRingSource } from '../../shared/runtime/secrets';
import type { Config } from '../../shared/runtime/config';
import { createEventAdapters } from '../../shared/runtime/composition/event-adapters';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { TrackingDependencies } from '../../shared/use-cases/tracking/tracking-service';

/** Options of {@link composeTracking} beyond the configuration. */
export interface TrackingCompositionOptions {
  /** The link-signing keys (see `secrets.ts`): the current one, and the previous one during its grace period. */
  readonly links: KeyRingSource;
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
}

/** The tracking function's composition root: response recording and the token verifier (link keys only). */
export function composeTracking(config: Config, options: TrackingCompositionOptions): TrackingDependencies {
  const adapters = createEventAdapters(options.table ?? createTableAccess(config));
  return {
    ...adapters,
    verifyToken: async (token) => verifyTrackingToken(token, acceptedKeys(await options.links.fresh(), adapters.clock.now())),
  };
}
