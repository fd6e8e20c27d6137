import type { ExitReason, PendingSend, TriggerCounts } from '../../domain/triggers/pending-send';

/** A pending send's timer: at `dueAt`, fire it. */
export interface PendingSendTimer {
  readonly pendingSendId: string;
  readonly experimentId: string;
  /** Its customer (the pending send is stored under the customer). */
  readonly customerId: string;
  /** ISO instant it is due. */
  readonly dueAt: string;
}

/** A customer event as recorded (its dedupe record). */
export interface CustomerEventRecord {
  readonly eventId: string;
  readonly name: string;
  readonly customerId: string;
  /** When it happened. */
  readonly occurredAt: string;
  /** When it was received. */
  readonly receivedAt: string;
  /** Pending sends it created. */
  readonly triggered: readonly string[];
  /** Waiting sends it cancelled. */
  readonly exited: number;
}

/** What claiming a due pending send did. */
export type PendingSendClaim =
  | { readonly claimed: true; readonly pending: PendingSend }
  /** Another run holds it or it is no longer waiting: `current` is what the refused write found (absent: the send is gone). */
  | { readonly claimed: false; readonly current?: PendingSend };

/** Where pending triggered sends live (one item per experiment and triggering event, plus a due-time timer). */
export interface PendingSendStore {
  /**
   * Stores a new waiting send and arms its timer in one atomic write, unless one with the same id
   * exists (the same event triggering twice): `created`, or the existing one (nothing written).
   */
  createIfAbsent(pending: PendingSend): Promise<'created' | PendingSend>;
  /** The pending send, or undefined. */
  get(customerId: string, id: string): Promise<PendingSend | undefined>;
  /** A customer's pending sends (every status), newest due first. */
  listForCustomer(customerId: string): Promise<readonly PendingSend[]>;
  /** `waiting → firing` (the claim: of two concurrent fires only one wins). */
  claim(customerId: string, id: string, at: string): Promise<PendingSendClaim>;
  /** `firing → sent | suppressed` with the decision or the reason, counted; false when it was not firing. */
  finish(pending: PendingSend, outcome: { readonly status: 'sent'; readonly assignmentId: string } | { readonly status: 'suppressed'; readonly reason: string }, at: string): Promise<boolean>;
  /**
   * `from → exited` with the reason (and the exit event), counted: exit events take `waiting` sends,
   * a journey's refusal or a stopped experiment the `firing` one; false when it was not in `from`.
   */
  exit(pending: PendingSend, exit: { readonly reason: ExitReason; readonly at: string; readonly from: 'waiting' | 'firing'; readonly exitEventId?: string }): Promise<boolean>;
  /** Deletes a pending send (erasure: it holds the event's values); its timer, if any, then finds nothing. */
  remove(pending: PendingSend): Promise<void>;
  /** Timers due at `now`, oldest first, at most `limit` (across shards). */
  due(now: string, limit: number): Promise<readonly PendingSendTimer[]>;
  /** Removes a handled timer. */
  removeTimer(timer: PendingSendTimer): Promise<void>;
  /**
   * Records a customer event once, after its effects were written (so a retry after a failure
   * redoes them, idempotently): `recorded`, or `duplicate` when its id was recorded before.
   */
  recordEvent(record: CustomerEventRecord): Promise<'recorded' | 'duplicate'>;
  /** Trigger counts of an experiment. */
  counts(experimentId: string): Promise<TriggerCounts>;
}
