import { verifyTrackingToken } from '../../shared/domain/tracking/tracking-token';
import type { Config } from '../../shared/runtime/config';
import { createEventAdapters } from '../../shared/runtime/composition/event-adapters';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { TrackingDependencies } from '../../shared/use-cases/tracking/tracking-service';

/** Options of {@link composeTracking} beyond the configuration. */
export interface TrackingCompositionOptions {
  /** HMAC secret the links were signed with (see `loadSigningSecret`). */
  readonly signingSecret: string;
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
}

/** The tracking function's composition root: response recording and the token verifier. */
export function composeTracking(config: Config, options: TrackingCompositionOptions): TrackingDependencies {
  const { signingSecret } = options;
  return {
    ...createEventAdapters(options.table ?? createTableAccess(config)),
    verifyToken: (token) => verifyTrackingToken(token, signingSecret),
  };
}
