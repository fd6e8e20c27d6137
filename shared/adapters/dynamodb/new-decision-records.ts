import type { StreamChange } from '../../domain/statistics/stream-counts';
import type { NewDecision } from '../../use-cases/dispatch/dispatch-new-decisions';
import { assignmentEntity } from './entities/assignment-entity';
import { PARTITION_KEY, SORT_KEY } from './table-definition';

/** Status of a decision that waits for its dispatch. */
export const QUEUED_STATUS = 'queued';
/** Status of a decision deferred to the end of quiet hours (its release, deferred → queued, is dispatched too). */
export const DEFERRED_STATUS = 'deferred';
/** The table key of any decision: `ASSIGN#<id>` / `META` (the partition prefix is the empty id's). */
const DECISION_KEY = assignmentEntity.key({ id: '' });
/** Partition-key prefix of a decision item (what the outbox's stream filter matches). */
export const DECISION_PARTITION_PREFIX = DECISION_KEY.pk;
/** Sort key of a decision item. */
export const DECISION_SORT_KEY = DECISION_KEY.sk;

/** Whether an image is a decision item (its table key), in `queued`. */
function isQueuedDecision(item: Readonly<Record<string, unknown>>): boolean {
  const pk = item[PARTITION_KEY];
  return typeof pk === 'string' && pk.startsWith(DECISION_PARTITION_PREFIX) && item[SORT_KEY] === DECISION_SORT_KEY && item.status === QUEUED_STATUS;
}

/**
 * The decision a stream change hands to the dispatch queue, if it is one ("to dispatch"): the
 * insert (no old image) of a decision item in `queued`, or its release (a modify from `deferred`
 * to `queued`: the release's status write is its stream record, so a run stopped after it loses
 * nothing). A decision inserted `deferred` or `holdout`, and every other write of a decision (a
 * retry's sending → queued is where reconciliation looks already), are not.
 */
export function newDecisionOf(change: StreamChange): NewDecision | undefined {
  const item = change.newImage;
  if (item === undefined || !isQueuedDecision(item)) return undefined;
  if (change.oldImage !== undefined && change.oldImage.status !== DEFERRED_STATUS) return undefined;
  const { id, experimentId } = item;
  if (typeof id !== 'string' || typeof experimentId !== 'string') return undefined;
  return { sequenceNumber: change.sequenceNumber, assignmentId: id, experimentId };
}

/** The decisions to dispatch of a batch of stream changes (inserted or released), in the stream's order. */
export function newDecisionsOf(changes: readonly StreamChange[]): NewDecision[] {
  return changes.flatMap((change) => newDecisionOf(change) ?? []);
}
