/** A pending follow-up check: at `dueAt` (ISO instant), if the decision has no success yet, follow up. */
export interface FollowUpTimer {
  /** The decision to follow up. */
  readonly assignmentId: string;
  readonly experimentId: string;
  readonly dueAt: string;
}

/** Follow-up timers (written with `markSent`). */
export interface FollowUpTimers {
  /** Timers due at `now`, oldest first, at most `limit`. */
  due(now: string, limit: number): Promise<readonly FollowUpTimer[]>;
  /** Removes a handled timer. */
  remove(timer: FollowUpTimer): Promise<void>;
}
