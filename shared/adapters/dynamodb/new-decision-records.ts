import type { StreamChange } from '../../domain/statistics/stream-counts';
import type { NewDecision } from '../../use-cases/dispatch/dispatch-new-decisions';
import { assignmentEntity } from './entities/assignment-entity';
import { PARTITION_KEY, SORT_KEY } from './table-definition';

/** Status of a decision that waits for its dispatch. */
export const QUEUED_STATUS = 'queued';
/** The table key of any decision: `ASSIGN#<id>` / `META` (the partition prefix is the empty id's). */
const DECISION_KEY = assignmentEntity.key({ id: '' });
/** Partition-key prefix of a decision item (what the outbox's stream filter matches). */
export const DECISION_PARTITION_PREFIX = DECISION_KEY.pk;
/** Sort key of a decision item. */
export const DECISION_SORT_KEY = DECISION_KEY.sk;

/**
 * The new decision a stream change shows, if it is one: an insert (no old image) of a decision
 * item in `queued`. A decision inserted `deferred` or `holdout`, and every later write of a
 * decision, are not (a release from `deferred` enqueues itself).
 */
export function newDecisionOf(change: StreamChange): NewDecision | undefined {
  const item = change.newImage;
  if (change.oldImage !== undefined || item === undefined) return undefined;
  const pk = item[PARTITION_KEY];
  if (typeof pk !== 'string' || !pk.startsWith(DECISION_PARTITION_PREFIX) || item[SORT_KEY] !== DECISION_SORT_KEY || item.status !== QUEUED_STATUS) return undefined;
  const { id, experimentId } = item;
  if (typeof id !== 'string' || typeof experimentId !== 'string') return undefined;
  return { sequenceNumber: change.sequenceNumber, assignmentId: id, experimentId };
}

/** The new decisions of a batch of stream changes, in the stream's order. */
export function newDecisionsOf(changes: readonly StreamChange[]): NewDecision[] {
  return changes.flatMap((change) => newDecisionOf(change) ?? []);
}
