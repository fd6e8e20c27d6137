/** An assignment waiting in `queued` or `sending` (the reconciliation's view). */
export interface PendingAssignment {
  /** The assignment's id. */
  readonly id: string;
  readonly experimentId: string;
  readonly status: 'queued' | 'sending';
  /** ISO instant it entered that status. */
  readonly since: string;
  /** `sending` with a dispatch outcome noted for the redelivery to apply (its status write had failed). */
  readonly outcomeNoted?: boolean;
}

/**
 * The pending index: where reconciliation looks for assignments lost on the way to the queue or
 * stuck in `sending`. A decision enters it only on a rare path (its enqueue failed, its outcome
 * write failed, a redelivery found it `sending`); the common path never writes it.
 */
export interface PendingAssignments {
  /** Every pending assignment (the set is small: only the rare paths put decisions there). */
  listPending(): Promise<readonly PendingAssignment[]>;
  /**
   * Puts these decisions in the pending index when they are still `queued` or `sending` (one
   * conditional write each); a decision in another status, or an unknown id, is left alone without
   * error. Repeating it is harmless.
   */
  markPending(ids: readonly string[]): Promise<void>;
}
