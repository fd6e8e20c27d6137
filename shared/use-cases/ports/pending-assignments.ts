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

/** Lists assignments waiting in `queued` or `sending`. */
export interface PendingAssignments {
  /** Every pending assignment (the set is small: messages wait seconds). */
  listPending(): Promise<readonly PendingAssignment[]>;
}
