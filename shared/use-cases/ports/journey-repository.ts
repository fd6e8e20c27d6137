import type { Journey } from '../../domain/journeys/journey-definition';

/** Paging of a journey listing. */
export interface JourneyQuery {
  /** Page size. */
  readonly limit: number;
  /** Opaque cursor from the previous page. */
  readonly cursor?: string;
}

/** One page of journeys, newest first. */
export interface JourneyPage {
  /** The journeys of this page. */
  readonly items: readonly Journey[];
  /** Cursor of the next page, absent on the last page. */
  readonly nextCursor?: string;
}

/** An experiment another journey already holds. */
export interface JourneyClaimConflict {
  readonly experimentId: string;
  /** The journey that holds it. */
  readonly journeyId: string;
}

/** What a write of a journey did. */
export type JourneyWriteOutcome =
  | { readonly outcome: 'written' }
  /** A create whose id is taken (an idempotent repeat, or a different request with the same key: the fingerprint tells), with what is stored. */
  | { readonly outcome: 'exists'; readonly stored: Journey; readonly requestFingerprint?: string }
  /** Some experiments belong to other journeys: nothing was written. */
  | { readonly outcome: 'claimed'; readonly conflicts: readonly JourneyClaimConflict[] };

/**
 * Where journeys are stored, with each experiment's membership: a journey and the claims on its
 * experiments are written in one transaction, so an experiment is in at most one journey and a
 * refused write leaves nothing half-written.
 */
export interface JourneyRepository {
  /** Stores a new journey and claims its experiments. */
  create(journey: Journey, requestFingerprint?: string): Promise<JourneyWriteOutcome>;
  /** The journey, or `undefined`. */
  get(id: string): Promise<Journey | undefined>;
  /**
   * Replaces `previous` with `journey` (the next version), claiming new experiments and releasing
   * dropped ones. `exists` is never answered.
   * @throws ConcurrentModificationError when the stored version is no longer `previous.version`.
   */
  save(journey: Journey, previous: Journey): Promise<JourneyWriteOutcome>;
  /**
   * Deletes the journey and releases its experiments.
   * @throws ConcurrentModificationError when the stored version is no longer `journey.version`.
   */
  delete(journey: Journey): Promise<void>;
  /** A page of journeys, newest first. */
  list(query: JourneyQuery): Promise<JourneyPage>;
}
